/**
 * Company management by the platform's operators (SEC-RBAC, OPS-PRIV): registering a company with
 * its first administrator, suspending and reactivating it. Operators see a company's metadata and
 * counts, never its documents; every change is audited on the platform's chain and the company's.
 */
package jp.btob.platform.company.management;
