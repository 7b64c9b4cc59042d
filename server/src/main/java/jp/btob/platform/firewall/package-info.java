/**
 * The application firewall (SEC-WAF, whitepaper 2-1-1): a reactive filter in front of everything
 * else that decodes each part of a request once, in every form an attacker hides behind, and
 * looks for SQL injection, cross-site scripting, path traversal, command injection, header
 * injection and protocol abuse.
 */
package jp.btob.platform.firewall;
