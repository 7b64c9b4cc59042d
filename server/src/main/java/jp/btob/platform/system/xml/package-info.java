/** Parsing XML that comes from outside the platform, safely. */
package jp.btob.platform.system.xml;
