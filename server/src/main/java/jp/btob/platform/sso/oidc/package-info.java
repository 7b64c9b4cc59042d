/**
 * Signing in through a company's OpenID Connect provider (SEC-SSO): the authorization code flow
 * with PKCE, its state kept server-side and bound to the browser
 * ({@link jp.btob.platform.sso.oidc.OidcSignIns}), the provider's discovery document and keys
 * read through a circuit breaker and cached ({@link jp.btob.platform.sso.oidc.ProviderMetadata}),
 * and the ID token checked before {@link jp.btob.platform.sso.SsoSignIn} opens the session
 * ({@link jp.btob.platform.sso.oidc.IdTokenVerifier}).
 */
package jp.btob.platform.sso.oidc;
