/**
 * The password policy (SEC-PWPOL, whitepaper 2-6) and the password change: each rule of a
 * company's {@link jp.btob.platform.settings.PasswordPolicy} checked at once, so that every rule a
 * new password breaks is named in one answer; common passwords; the history of earlier passwords.
 */
package jp.btob.platform.identity.password;
