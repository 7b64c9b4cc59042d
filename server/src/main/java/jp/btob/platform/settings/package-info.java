/**
 * Each company's security settings (SEC-PWPOL, SEC-PWEXP, SEC-IDLE, SEC-LOCK, SEC-MFA): password
 * policy, password expiry, sessions, lockout and the second factor, with the platform's defaults
 * and the floors a company may tighten but never loosen. Other features read the settings in
 * force through {@link jp.btob.platform.settings.SecuritySettingsService#forCompany}.
 */
package jp.btob.platform.settings;
