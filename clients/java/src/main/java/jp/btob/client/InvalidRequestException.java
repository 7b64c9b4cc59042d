package jp.btob.client;

import jp.btob.client.model.Problem;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The request breaks the API contract (400 {@code /problems/validation}, {@code /problems/malformed-body})
 * or a business rule (422 {@code /problems/unprocessable} and its kin); {@link #getErrors()} names each
 * offending field where there are fields to name. Sending it again unchanged fails again.
 */
public class InvalidRequestException extends BtobApiException {

    private static final long serialVersionUID = 1L;

    InvalidRequestException(WebClientResponseException response, Problem problem, int attempts) {
        super(response, problem, attempts);
    }
}
