package jp.btob.client;

import jp.btob.client.model.Problem;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * 401: no valid session or credentials ({@code /problems/unauthenticated}), a wrong login
 * ({@code /problems/invalid-credentials}) or second factor. Log in again, or check the API client's secret.
 */
public class AuthenticationException extends BtobApiException {

    private static final long serialVersionUID = 1L;

    AuthenticationException(WebClientResponseException response, Problem problem, int attempts) {
        super(response, problem, attempts);
    }
}
