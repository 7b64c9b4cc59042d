/**
 * The password policy (SEC-PWPOL, whitepaper 2-6): each rule of a company's
 * {@link jp.btob.platform.settings.PasswordPolicy} checked at once, so that every rule a new
 * password breaks is named in one answer, with the list of common passwords it refuses.
 */
package jp.btob.platform.identity.password;
