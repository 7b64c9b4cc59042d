package jp.btob.client;

import java.util.concurrent.atomic.AtomicReference;

import jp.btob.client.invoker.auth.HttpBearerAuth;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * The {@code bearerAuth} scheme of the generated ApiClient, safe to share across threads.
 * The generated {@link HttpBearerAuth} keeps its token in a plain field, so a token set by
 * {@code login} on one thread is not guaranteed to be seen by a request built on another.
 */
final class SessionToken extends HttpBearerAuth {

    private final AtomicReference<String> token = new AtomicReference<>();

    SessionToken() {
        super("bearer");
    }

    @Override
    public String getBearerToken() {
        return token.get();
    }

    @Override
    public void setBearerToken(String bearerToken) {
        token.set(bearerToken);
    }

    /** Forgets the token only if it is still {@code expected}, so a login that raced a logout keeps its own token. */
    void clear(String expected) {
        token.compareAndSet(expected, null);
    }

    @Override
    public void applyToParams(MultiValueMap<String, String> queryParams, HttpHeaders headerParams,
            MultiValueMap<String, String> cookieParams) {
        String current = token.get();
        if (current != null) {
            headerParams.set(HttpHeaders.AUTHORIZATION, "Bearer " + current);
        }
    }
}
