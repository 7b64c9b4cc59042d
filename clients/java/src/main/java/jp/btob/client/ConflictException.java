package jp.btob.client;

import jp.btob.client.model.Problem;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The resource is not in a state for this: 409 ({@code /problems/conflict}, {@code /problems/invalid-transition},
 * {@code /problems/idempotency-in-progress} …), 412 {@code /problems/precondition-failed} (it changed since
 * the {@code ETag} sent as {@code If-Match}: read it again) or 428 {@code /problems/precondition-required}.
 */
public class ConflictException extends BtobApiException {

    private static final long serialVersionUID = 1L;

    ConflictException(WebClientResponseException response, Problem problem, int attempts) {
        super(response, problem, attempts);
    }
}
