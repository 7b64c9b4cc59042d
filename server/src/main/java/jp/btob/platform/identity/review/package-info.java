/**
 * The account review report (OPS-ACCT): every account with its role, last login, days dormant,
 * password age, second factor, lock and live sessions, for the periodic account audit; for a
 * company's administrators and, across every company, for the platform's operators.
 */
package jp.btob.platform.identity.review;
