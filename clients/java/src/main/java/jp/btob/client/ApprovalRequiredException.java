package jp.btob.client;

import jp.btob.client.model.Problem;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * 409 {@code /problems/approval-required}: the company's approval route applies to the document and no
 * approval request for it is approved yet; submit one through {@code workflow()} first.
 */
public class ApprovalRequiredException extends ConflictException {

    private static final long serialVersionUID = 1L;

    ApprovalRequiredException(WebClientResponseException response, Problem problem, int attempts) {
        super(response, problem, attempts);
    }
}
