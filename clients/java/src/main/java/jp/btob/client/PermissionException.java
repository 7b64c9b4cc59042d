package jp.btob.client;

import jp.btob.client.model.Problem;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * 403: signed in, but not allowed to do this: a missing permission ({@code /problems/permission-denied},
 * whose {@link #getDetail()} names it), the other party's action ({@code /problems/wrong-party}), an address
 * outside the IP allow-list, a firewall block and the like; {@link #getType()} says which.
 */
public class PermissionException extends BtobApiException {

    private static final long serialVersionUID = 1L;

    PermissionException(WebClientResponseException response, Problem problem, int attempts) {
        super(response, problem, attempts);
    }
}
