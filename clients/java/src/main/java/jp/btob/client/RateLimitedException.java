package jp.btob.client;

import jp.btob.client.model.Problem;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * 429: too many requests for now. {@link #getRetryAfter()} says how long to wait; the client has already
 * waited and retried as often as its {@link RequestOptions} allow ({@link #getAttempts()}).
 */
public class RateLimitedException extends BtobApiException {

    private static final long serialVersionUID = 1L;

    RateLimitedException(WebClientResponseException response, Problem problem, int attempts) {
        super(response, problem, attempts);
    }
}
