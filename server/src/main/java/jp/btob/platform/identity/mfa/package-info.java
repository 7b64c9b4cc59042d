/**
 * The second factor after the password (SEC-MFA, SEC-TIME): one-time codes by e-mail or SMS and
 * authenticator apps (RFC 6238), their challenges, and the signed-in user's enrolment.
 */
package jp.btob.platform.identity.mfa;
