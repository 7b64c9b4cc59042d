package jp.btob.platform.sso.saml;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

import jp.btob.platform.sso.IdentityProvider;
import jp.btob.platform.sso.IdentityProvider.SamlSettings;
import jp.btob.platform.sso.SsoProperties;
import jp.btob.platform.system.Sha256;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The two halves of a SAML login: sending the browser to the IdP with an AuthnRequest
 * remembered for a while, and accepting the IdP's response once, from the same browser. The
 * XML and signature work runs on the bounded-elastic scheduler, never an event loop.
 */
@Service
class SamlLogins {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SamlStateRepository repository;

    private final Duration requestLifetime;

    private final SamlResponseValidator validator;

    private final TransactionalOperator tx;

    private final Clock clock;

    SamlLogins(SamlStateRepository repository, SsoProperties properties, TransactionalOperator tx, Clock clock) {
        this.repository = repository;
        this.requestLifetime = properties.stateLifetime();
        this.validator = new SamlResponseValidator(properties.clockSkew());
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Remembers a new AuthnRequest of the provider and answers where to send the browser, with
     * the value the browser must keep in a cookie to have the answer accepted.
     */
    Mono<Started> start(IdentityProvider provider, ServiceProvider sp, String relayState) {
        return Mono.fromCallable(() -> new byte[][] {random(), random()})
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(randoms -> {
                    String id = "_" + HexFormat.of().formatHex(randoms[0]);
                    String browser = HexFormat.of().formatHex(randoms[1]);
                    Instant now = clock.instant();
                    var request = new SamlStateRepository.OutstandingRequest(id, provider.id(), provider.companyId(),
                            browserHash(browser), relayState, now, now.plus(requestLifetime));
                    String ssoUrl = provider.saml().ssoUrl();
                    String url = AuthnRequests.redirectUrl(ssoUrl, AuthnRequests.xml(id, now, ssoUrl, sp), relayState);
                    return repository.saveRequest(request).thenReturn(new Started(id, url, browser));
                });
    }

    /**
     * The assertion of a response posted to the provider's ACS, once every check of
     * {@link SamlResponseValidator} holds, the assertion was never accepted before and, unless
     * unsolicited, the request it answers is outstanding, was started by this browser (its
     * cookie value; null when it sent none) and carried this relay state. Errors with
     * {@link SamlRefusal}.
     */
    Mono<SamlAssertion> accept(IdentityProvider provider, ServiceProvider sp, String samlResponse,
                                      String relayState, String browser) {
        Instant now = clock.instant();
        return Mono.fromCallable(() -> validator.validate(samlResponse, trusted(provider), sp, now))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(assertion -> repository.useAssertion(assertion, provider.id(), now)
                        .flatMap(first -> first ? answered(assertion, provider.id(), relayState, browser, now)
                                : Mono.error(new SamlRefusal("replay", "The assertion was accepted before")))
                        .thenReturn(assertion)
                        .as(tx::transactional));
    }

    private Mono<Void> answered(SamlAssertion assertion, UUID providerId, String relayState, String browser, Instant now) {
        if (assertion.inResponseTo() == null) {
            return Mono.empty();
        }
        if (browser == null) {
            return Mono.error(new SamlRefusal("in-response-to", "The browser that started the login sent no cookie"));
        }
        return repository.consumeRequest(assertion.inResponseTo(), providerId, browserHash(browser), now)
                .switchIfEmpty(Mono.error(() -> new SamlRefusal("in-response-to",
                        "The response answers no outstanding request of this provider from this browser")))
                .flatMap(consumed -> Objects.equals(consumed.relayState(), relayState) ? Mono.empty()
                        : Mono.error(new SamlRefusal("relay-state", "The RelayState is not the one sent")));
    }

    private static TrustedIdp trusted(IdentityProvider provider) {
        SamlSettings saml = provider.saml();
        return new TrustedIdp(saml.idpEntityId(), saml.x509Certificates(), saml.allowUnsolicited(),
                provider.loginAttribute());
    }

    private static byte[] browserHash(String browser) {
        return Sha256.of(browser.getBytes(StandardCharsets.US_ASCII));
    }

    /** May block on the operating system's random source: call it off the event loop. */
    private static byte[] random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * A login sent on its way.
     *
     * @param requestId   the AuthnRequest's ID
     * @param redirectUrl where to send the browser: the IdP's SSO URL with the request
     * @param browser     the value to keep in the browser's cookie until the answer comes back
     */
    record Started(String requestId, String redirectUrl, String browser) {
    }
}
