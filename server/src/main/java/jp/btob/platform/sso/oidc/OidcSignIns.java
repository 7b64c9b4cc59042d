package jp.btob.platform.sso.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jp.btob.platform.identity.IssuedSession;
import jp.btob.platform.sso.ExternalIdentity;
import jp.btob.platform.sso.IdentityProvider;
import jp.btob.platform.sso.IdentityProviders;
import jp.btob.platform.sso.ProviderCalls;
import jp.btob.platform.sso.SsoProperties;
import jp.btob.platform.sso.SsoSignIn;
import jp.btob.platform.sso.oidc.IdTokenVerifier.Expected;
import jp.btob.platform.sso.oidc.IdTokenVerifier.Invalid;
import jp.btob.platform.sso.oidc.ProviderMetadata.Discovery;
import jp.btob.platform.sso.oidc.ProviderMetadata.MetadataException;
import jp.btob.platform.sso.oidc.SignInStateRepository.SignInState;
import jp.btob.platform.system.Sha256;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The authorization code flow with PKCE (RFC 7636, S256) against a company's OpenID Connect
 * provider. {@code state}, {@code nonce}, the code verifier and a browser binding are each 256
 * random bits; the sign-in is kept server-side under the state's SHA-256 and consumed once, and
 * the callback must come from the browser that started it (the SHA-256 of its state cookie),
 * so a state planted in another browser fails (login CSRF).
 */
@Service
class OidcSignIns {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String DEFAULT_LOGIN_CLAIM = "email";

    private final IdentityProviders providers;

    private final ProviderMetadata metadata;

    private final ProviderCalls calls;

    private final SignInStateRepository states;

    private final SsoSignIn signIn;

    private final SsoProperties properties;

    private final Clock clock;

    OidcSignIns(IdentityProviders providers, ProviderMetadata metadata, ProviderCalls calls, SignInStateRepository states,
                SsoSignIn signIn, SsoProperties properties, Clock clock) {
        this.providers = providers;
        this.metadata = metadata;
        this.calls = calls;
        this.states = states;
        this.signIn = signIn;
        this.properties = properties;
        this.clock = clock;
    }

    /** Where to send the browser, and the value of its state cookie. */
    Mono<Started> start(UUID providerId, String redirectUri) {
        return providers.find(providerId)
                .filter(provider -> provider.kind() == IdentityProvider.Kind.OIDC)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("There is no such identity provider.")))
                .flatMap(provider -> metadata.discovery(provider.oidc().issuer())
                        .onErrorMap(MetadataException.class, failure -> new ProviderCalls.Unavailable())
                        .zipWith(Mono.fromCallable(Secrets::draw).subscribeOn(Schedulers.boundedElastic()))
                        .flatMap(found -> {
                            Secrets secrets = found.getT2();
                            Instant now = Times.now(clock);
                            return states.save(new SignInState(sha256(secrets.state()), provider.id(),
                                            sha256(secrets.browser()), secrets.nonce(), secrets.verifier(), redirectUri,
                                            now.plus(properties.stateLifetime())), now)
                                    .thenReturn(new Started(authorization(provider, found.getT1(), secrets, redirectUri),
                                            secrets.browser()));
                        }));
    }

    /**
     * Checks the callback against the sign-in it names, exchanges the code and checks the ID
     * token, then signs the user in. Every failure is audited and answers {@code sso-failed}; a
     * provider that cannot be reached answers 503.
     */
    Mono<IssuedSession> complete(String code, String state, String error, String browser) {
        if (state == null || state.isEmpty()) {
            return signIn.refuseUnknown("STATE_MISSING");
        }
        return states.consume(sha256(state))
                .switchIfEmpty(Mono.defer(() -> signIn.refuseUnknown("STATE_UNKNOWN")))
                .flatMap(found -> providers.find(found.providerId())
                        .switchIfEmpty(Mono.defer(() -> signIn.refuseUnknown("PROVIDER_UNAVAILABLE")))
                        .flatMap(provider -> checked(provider, found, code, error, browser)
                                .onErrorResume(Invalid.class, invalid -> signIn.refuse(provider, invalid.reason(), Map.of()))
                                .onErrorResume(MetadataException.class, failure -> signIn.refuse(provider,
                                        "PROVIDER_METADATA", Map.of("problem", failure.getMessage())))
                                .onErrorResume(WebClientResponseException.class, refused -> signIn.refuse(provider,
                                        "TOKEN_REQUEST_REFUSED", Map.of("status", refused.getStatusCode().value())))));
    }

    private Mono<IssuedSession> checked(IdentityProvider provider, SignInState state, String code, String error,
                                        String browser) {
        if (!state.expiresAt().isAfter(Times.now(clock))) {
            return Mono.error(new Invalid("STATE_EXPIRED"));
        }
        if (browser == null || browser.isEmpty()) {
            return Mono.error(new Invalid("STATE_COOKIE_MISSING"));
        }
        if (!MessageDigest.isEqual(sha256(browser), state.browserHash())) {
            return Mono.error(new Invalid("STATE_BROWSER_MISMATCH"));
        }
        if (error != null) {
            return signIn.refuse(provider, "PROVIDER_ERROR", Map.of("error", clip(error)));
        }
        if (code == null || code.isEmpty()) {
            return Mono.error(new Invalid("CODE_MISSING"));
        }
        return metadata.discovery(provider.oidc().issuer())
                .flatMap(discovery -> idToken(provider, discovery, code, state)
                        .flatMap(token -> verified(provider, discovery, token, state.nonce())))
                .flatMap(claims -> signIn.signIn(provider, identity(provider, claims)));
    }

    /** Exchanges the code at the token endpoint, with the PKCE verifier and the client's secret. */
    private Mono<String> idToken(IdentityProvider provider, Discovery discovery, String code, SignInState state) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", state.redirectUri());
        form.add("code_verifier", state.codeVerifier());
        form.add("client_id", provider.oidc().clientId());
        HttpHeaders headers = new HttpHeaders();
        if (discovery.secretInForm()) {
            form.add("client_secret", provider.oidc().clientSecret());
        }
        else {
            // RFC 6749 2.3.1: each part form-encoded before Basic.
            headers.setBasicAuth(formEncoded(provider.oidc().clientId()), formEncoded(provider.oidc().clientSecret()));
        }
        return calls.postForm(provider.oidc().issuer(), discovery.tokenEndpoint(), form, headers)
                .map(answer -> answer.get("id_token") instanceof String token ? token : "")
                .filter(token -> !token.isEmpty())
                .switchIfEmpty(Mono.error(() -> new Invalid("NO_ID_TOKEN")));
    }

    /** The token's claims once checked; a key the set lacks has the set read again, in case the provider rotated its keys. */
    private Mono<JWTClaimsSet> verified(IdentityProvider provider, Discovery discovery, String idToken, String nonce) {
        return Mono.fromCallable(() -> IdTokenVerifier.parse(idToken))
                .flatMap(jwt -> metadata.keys(discovery)
                        .flatMap(keys -> {
                            JWK key = IdTokenVerifier.signingKey(jwt, keys);
                            return key != null ? Mono.just(key) : metadata.keysAfterRotation(discovery)
                                    .mapNotNull(fresh -> IdTokenVerifier.signingKey(jwt, fresh));
                        })
                        .switchIfEmpty(Mono.error(() -> new Invalid("ID_TOKEN_UNKNOWN_KEY")))
                        .publishOn(Schedulers.boundedElastic())
                        .map(key -> IdTokenVerifier.verify(jwt, key, new Expected(provider.oidc().issuer(),
                                provider.oidc().clientId(), nonce, Times.now(clock), properties.clockSkew()))));
    }

    /** Who the token names: the login ID from the configured claim, {@code email} unless another is set. */
    private static ExternalIdentity identity(IdentityProvider provider, JWTClaimsSet claims) {
        String claim = provider.loginAttribute() == null ? DEFAULT_LOGIN_CLAIM : provider.loginAttribute();
        Object login = claims.getClaim(claim);
        if (DEFAULT_LOGIN_CLAIM.equals(claim) && Boolean.FALSE.equals(claims.getClaim("email_verified"))) {
            throw new Invalid("EMAIL_NOT_VERIFIED");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value != null) {
                attributes.put(name, value);
            }
        });
        return new ExternalIdentity(claims.getSubject(), login instanceof String text ? text : null,
                claims.getClaim("email") instanceof String email ? email : null,
                claims.getClaim("name") instanceof String name ? name : null, attributes);
    }

    private static URI authorization(IdentityProvider provider, Discovery discovery, Secrets secrets, String redirectUri) {
        return UriComponentsBuilder.fromUri(discovery.authorizationEndpoint())
                .queryParam("response_type", "code")
                .queryParam("client_id", provider.oidc().clientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", String.join(" ", provider.oidc().scopes()))
                .queryParam("state", secrets.state())
                .queryParam("nonce", secrets.nonce())
                .queryParam("code_challenge", base64Url(Sha256.of(secrets.verifier().getBytes(StandardCharsets.US_ASCII))))
                .queryParam("code_challenge_method", "S256")
                .encode()
                .build()
                .toUri();
    }

    static byte[] sha256(String value) {
        return Sha256.of(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String formEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String clip(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Where the browser goes, and what its state cookie holds. */
    record Started(URI location, String browserCookie) {
    }

    /** The sign-in's random values, 256 bits each, drawn from the operating system's source. */
    private record Secrets(String state, String nonce, String verifier, String browser) {

        static Secrets draw() {
            return new Secrets(random(), random(), random(), random());
        }

        private static String random() {
            byte[] bits = new byte[32];
            RANDOM.nextBytes(bits);
            return base64Url(bits);
        }
    }
}
