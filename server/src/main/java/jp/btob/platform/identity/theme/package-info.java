/**
 * The login theme (SEC-THEME): a colour and pattern each user picks, shown after the login ID
 * and before the password, so that a page that does not know the user's theme gives itself away.
 */
package jp.btob.platform.identity.theme;
