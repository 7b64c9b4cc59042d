package jp.btob.platform.sso.saml;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.identity.IssuedSession;
import jp.btob.platform.sso.IdentityProvider;
import jp.btob.platform.sso.IdentityProviders;
import jp.btob.platform.sso.SsoSignIn;
import jp.btob.platform.system.problem.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * SAML sign-in through a company's enabled SAML provider: the redirect to the IdP, and the
 * response accepted and handed to the shared sign-in step, which finds or provisions the user
 * in the provider's company and opens the session. A refused response is audited with the
 * check that failed and answered with the one generic SSO failure.
 */
@Service
class SamlSignIn {

    private final IdentityProviders providers;

    private final SamlLogins logins;

    private final ServiceProviders serviceProviders;

    private final SsoSignIn signIn;

    SamlSignIn(IdentityProviders providers, SamlLogins logins, ServiceProviders serviceProviders, SsoSignIn signIn) {
        this.providers = providers;
        this.logins = logins;
        this.serviceProviders = serviceProviders;
        this.signIn = signIn;
    }

    /** Where to send the browser; 404 for a provider that is unknown, disabled or not SAML. */
    Mono<SamlLogins.Started> start(UUID providerId, String relayState, ServerWebExchange exchange) {
        return saml(providerId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No such SAML identity provider")))
                .flatMap(provider -> logins.start(provider, serviceProviders.of(exchange, provider), relayState));
    }

    /** The session of the user the posted response names, or the generic SSO failure. */
    Mono<IssuedSession> complete(UUID providerId, String samlResponse, String relayState, String browser,
                                 ServerWebExchange exchange) {
        return saml(providerId)
                .switchIfEmpty(Mono.defer(() -> signIn.refuseUnknown("UNKNOWN_PROVIDER")))
                .flatMap(provider -> logins.accept(provider, serviceProviders.of(exchange, provider), samlResponse,
                                relayState, browser)
                        .onErrorResume(SamlRefusal.class, refusal -> signIn.refuse(provider,
                                "SAML_" + refusal.reason().toUpperCase(Locale.ROOT).replace('-', '_'),
                                Map.of("detail", refusal.getMessage())))
                        .flatMap(assertion -> signIn.signIn(provider, SamlIdentities.of(assertion))));
    }

    /** The SP metadata of the provider's company for this provider. */
    Mono<String> metadata(UUID providerId, ServerWebExchange exchange) {
        return saml(providerId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No such SAML identity provider")))
                .map(provider -> SpMetadata.xml(serviceProviders.of(exchange, provider)));
    }

    private Mono<IdentityProvider> saml(UUID providerId) {
        return providers.find(providerId).filter(provider -> provider.kind() == IdentityProvider.Kind.SAML);
    }
}
