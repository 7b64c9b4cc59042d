/** The management port (Prometheus metrics, probes) and the platform's own counters (OPS-MON). */
package jp.btob.platform.system.management;
