/**
 * Company administration (SEC-RBAC, whitepaper 2-4-1): administrators add, change, disable and
 * delete their company's users, reset their passwords and end their sessions, and define custom
 * roles. Every change locks the company's row, so that the rules it keeps hold under concurrent
 * requests: no one grants a permission they do not hold ({@link Escalation}), and the company
 * keeps an active administrator.
 */
package jp.btob.platform.admin;
