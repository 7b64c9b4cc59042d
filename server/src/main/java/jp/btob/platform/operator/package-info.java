/**
 * Platform operators (OPS-PRIV): a login realm of their own, apart from the companies' users, with
 * its own accounts, sessions, login address and cookie. An operator token authenticates only under
 * {@code /api/v1/operator/}, and a company token never does; every operator login and change is
 * audited on the platform's chain.
 */
package jp.btob.platform.operator;
