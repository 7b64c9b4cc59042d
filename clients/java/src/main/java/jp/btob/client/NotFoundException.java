package jp.btob.client;

import jp.btob.client.model.Problem;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/** 404 {@code /problems/not-found}: no such resource, or not one the caller's company may see. */
public class NotFoundException extends BtobApiException {

    private static final long serialVersionUID = 1L;

    NotFoundException(WebClientResponseException response, Problem problem, int attempts) {
        super(response, problem, attempts);
    }
}
