/**
 * Per-company IP allow-lists (SEC-IP, whitepaper 2-5-4): the CIDR ranges a company's people and
 * API clients may call from, kept in PostgreSQL and read on every request, so that every
 * instance enforces a change at once; enforced by {@link jp.btob.platform.settings.ip.IpAllowlistGate}
 * after authentication and by the login before the password is checked.
 */
package jp.btob.platform.settings.ip;
