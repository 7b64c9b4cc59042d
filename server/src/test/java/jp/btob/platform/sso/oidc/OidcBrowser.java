package jp.btob.platform.sso.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A browser without a screen for the OpenID Connect flow: starts the sign-in at the platform,
 * follows the redirect to the provider, which approves at once and sends back the code, and
 * keeps the state cookie as a browser would.
 */
final class OidcBrowser {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final WebTestClient platform;

    private String stateCookie;

    OidcBrowser(WebTestClient platform) {
        this.platform = platform;
    }

    /** Starts at the platform; answers the provider's authorization URL and keeps the state cookie. */
    URI start(UUID providerId) {
        EntityExchangeResult<byte[]> started = platform.get().uri("/api/v1/sso/oidc/{id}/authorize", providerId).exchange()
                .expectStatus().isFound().expectBody().returnResult();
        ResponseCookie cookie = started.getResponseCookies().getFirst(OidcController.STATE_COOKIE);
        stateCookie = cookie.getValue();
        return started.getResponseHeaders().getLocation();
    }

    /** Follows the authorization URL to the provider; answers where it sends the browser back (the callback with code and state). */
    static URI approve(URI authorization) {
        try {
            HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(authorization).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return URI.create(answer.headers().firstValue("Location").orElseThrow(
                    () -> new AssertionError("the provider answered " + answer.statusCode() + " without a redirect")));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Calls the platform's callback (absolute, as the provider sent it), with this browser's state cookie (if any). */
    WebTestClient.ResponseSpec callback(URI callback) {
        return platform.get().uri(callback)
                .cookies(cookies -> {
                    if (stateCookie != null) {
                        cookies.add(OidcController.STATE_COOKIE, stateCookie);
                    }
                })
                .exchange();
    }

    /** The whole flow; answers the callback's response. */
    WebTestClient.ResponseSpec signIn(UUID providerId) {
        return callback(approve(start(providerId)));
    }

    void forgetStateCookie() {
        stateCookie = null;
    }

    void useStateCookieOf(OidcBrowser other) {
        stateCookie = other.stateCookie;
    }

    static Map<String, String> query(URI uri) {
        return UriComponentsBuilder.fromUri(uri).build().getQueryParams().toSingleValueMap();
    }
}
