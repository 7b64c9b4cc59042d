package jp.btob.client;

import java.text.DateFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import jp.btob.client.invoker.ApiClient;
import jp.btob.client.invoker.auth.Authentication;
import org.springframework.web.reactive.function.client.WebClient;

/** The generated ApiClient with its bearer token held in a {@link SessionToken}, so that all the APIs can share it. */
final class SharedApiClient extends ApiClient {

    /** The name the API specs give the bearer scheme. */
    private static final String BEARER_AUTH = "bearerAuth";

    SharedApiClient(WebClient webClient, DateFormat dateFormat, String basePath) {
        super(webClient, dateFormat);
        setBasePath(basePath);
    }

    /** Runs inside the ApiClient constructor, so it touches only the inherited map. */
    @Override
    protected void init() {
        super.init();
        Map<String, Authentication> schemes = new HashMap<>(authentications);
        schemes.put(BEARER_AUTH, new SessionToken());
        authentications = Collections.unmodifiableMap(schemes);
    }

    SessionToken sessionToken() {
        return (SessionToken) getAuthentication(BEARER_AUTH);
    }
}
