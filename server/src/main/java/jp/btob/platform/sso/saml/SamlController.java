package jp.btob.platform.sso.saml;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.SsoSamlApi;
import jp.btob.platform.api.model.LoginResponse;
import jp.btob.platform.identity.SessionResponses;
import jp.btob.platform.sso.SsoProperties;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** SAML sign-in over HTTP: the redirect to the IdP, the assertion consumer service and the SP metadata (SEC-SSO). */
@RestController
class SamlController implements SsoSamlApi {

    static final String BROWSER_COOKIE = "BTOB_SAML";

    private static final String COOKIE_PATH = "/api/v1/sso/saml/";

    private static final MediaType METADATA = MediaType.parseMediaType("application/samlmetadata+xml");

    private static final ResolvableType FORM = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class,
            String.class);

    private final SamlSignIn signIn;

    private final SessionResponses responses;

    private final FormHttpMessageReader formReader;

    private final Duration requestLifetime;

    SamlController(SamlSignIn signIn, SessionResponses responses, ServerCodecConfigurer codecs, SsoProperties properties) {
        this.signIn = signIn;
        this.responses = responses;
        this.formReader = codecs.getReaders().stream().filter(FormHttpMessageReader.class::isInstance)
                .map(FormHttpMessageReader.class::cast).findFirst().orElseThrow();
        this.requestLifetime = properties.stateLifetime();
    }

    @Override
    public Mono<ResponseEntity<Void>> startSamlSignIn(UUID providerId, String relayState, ServerWebExchange exchange) {
        return signIn.start(providerId, relayState, exchange)
                .map(started -> ResponseEntity.status(302)
                        .location(URI.create(started.redirectUrl()))
                        .header(HttpHeaders.SET_COOKIE, browserCookie(started.browser(), requestLifetime).toString())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }

    /**
     * The generated signature declares the form fields as request parts, which WebFlux binds
     * from multipart bodies only; the form is read here instead, from the request the
     * firewall passed on.
     */
    @Override
    public Mono<ResponseEntity<LoginResponse>> completeSamlSignIn(UUID providerId, String samlResponseParts,
                                                                 String relayStateParts, ServerWebExchange exchange) {
        HttpCookie browser = exchange.getRequest().getCookies().getFirst(BROWSER_COOKIE);
        return formReader.readMono(FORM, exchange.getRequest(), Map.of())
                .flatMap(form -> signIn.complete(providerId, form.getFirst("SAMLResponse"), form.getFirst("RelayState"),
                        browser == null ? null : browser.getValue(), exchange))
                .map(issued -> responses.signedIn(issued, browserCookie("", Duration.ZERO)));
    }

    @Override
    public Mono<ResponseEntity<String>> getSamlServiceProviderMetadata(UUID providerId, ServerWebExchange exchange) {
        return signIn.metadata(providerId, exchange).map(xml -> ResponseEntity.ok().contentType(METADATA).body(xml));
    }

    /**
     * The cookie binding a sign-in to the browser that started it. The IdP posts its answer from
     * its own site, so the cookie must be sent on that cross-site POST: SameSite=None, with
     * Secure and HttpOnly, under the SAML paths only.
     */
    private static ResponseCookie browserCookie(String value, Duration maxAge) {
        return ResponseCookie.from(BROWSER_COOKIE, value).httpOnly(true).secure(true).sameSite("None")
                .path(COOKIE_PATH).maxAge(maxAge).build();
    }
}
