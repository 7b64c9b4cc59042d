/**
 * SAML 2.0 single sign-on (SEC-SSO): the platform as a service provider of each company. It
 * sends AuthnRequests over the HTTP-Redirect binding, accepts responses over the HTTP-POST
 * binding only when signed by a certificate the company configured for its identity provider,
 * with every condition of the Web Browser SSO profile checked, and each request and assertion
 * used once.
 */
package jp.btob.platform.sso.saml;
