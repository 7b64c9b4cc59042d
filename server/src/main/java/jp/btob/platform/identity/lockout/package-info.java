/**
 * Account lockout (SEC-LOCK): wrong passwords counted per account in PostgreSQL, one statement
 * per failure, so that every instance sees one count; the company's settings say how many
 * failures within which window lock the account for how long.
 */
package jp.btob.platform.identity.lockout;
