/**
 * Single sign-on per company (SEC-SSO): the company's identity providers and SSO options as its
 * administrators configure them ({@link jp.btob.platform.sso.IdentityProviderController}), the
 * providers as sign-ins read them ({@link jp.btob.platform.sso.IdentityProviders}), and the one
 * step every protocol ends with ({@link jp.btob.platform.sso.SsoSignIn}): find or provision the
 * user in the provider's company and open a session as a password login does.
 */
package jp.btob.platform.sso;
