package jp.btob.client;

import java.text.DateFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.btob.client.invoker.ApiClient;
import jp.btob.client.invoker.auth.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The generated ApiClient with its bearer token held in a {@link SessionToken}, so that all the APIs, and
 * every view {@link BtobClient#withOptions} makes, share it; each request carries its {@link RequestOptions}
 * and, where the operation takes one, an {@code Idempotency-Key}.
 */
final class SharedApiClient extends ApiClient {

    /** The name the API specs give the bearer scheme. */
    private static final String BEARER_AUTH = "bearerAuth";

    private final RequestOptions options;

    SharedApiClient(WebClient webClient, DateFormat dateFormat, String basePath, SessionToken sessionToken,
            RequestOptions options) {
        super(webClient, dateFormat);
        setBasePath(basePath);
        Map<String, Authentication> schemes = new HashMap<>(authentications);
        schemes.put(BEARER_AUTH, sessionToken);
        this.authentications = Collections.unmodifiableMap(schemes);
        this.options = options;
    }

    SessionToken sessionToken() {
        return (SessionToken) getAuthentication(BEARER_AUTH);
    }

    RequestOptions options() {
        return options;
    }

    /** This client's connection pool, token and base path with other options. */
    SharedApiClient withOptions(RequestOptions overrides) {
        return new SharedApiClient(webClient, dateFormat, basePath, sessionToken(), overrides.over(options));
    }

    /**
     * Runs when a generated operation is called, not when its {@code Mono} is subscribed, so that the key
     * chosen here is the call's own: every retry and every resubscription of the call sends it again.
     */
    @Override
    protected WebClient.RequestBodySpec prepareRequest(String path, HttpMethod method, Map<String, Object> pathParams,
            MultiValueMap<String, String> queryParams, Object body, HttpHeaders headerParams,
            MultiValueMap<String, String> cookieParams, MultiValueMap<String, Object> formParams, List<MediaType> accept,
            MediaType contentType, String[] authNames) {
        // The key given as the operation's own parameter wins, then the options' one, then a fresh one.
        if (IdempotencyKeys.takesKey(method, path) && !headerParams.containsHeader(IdempotencyKeys.HEADER)) {
            String key = options.getIdempotencyKey() != null ? options.getIdempotencyKey() : IdempotencyKeys.fresh();
            headerParams.set(IdempotencyKeys.HEADER, key);
        }
        return super.prepareRequest(path, method, pathParams, queryParams, body, headerParams, cookieParams, formParams,
                        accept, contentType, authNames)
                .attribute(Retries.OPTIONS, options);
    }
}
