package jp.btob.client;

import java.util.Map;

import jp.btob.client.model.Problem;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/** Which exception an error answer raises: by the problem's {@code type}, else by the HTTP status. */
final class ProblemTypes {

    /** Builds one kind of exception from the parts every kind has. */
    @FunctionalInterface
    private interface Kind {
        BtobApiException create(WebClientResponseException response, Problem problem, int attempts);
    }

    /** The types of {@code common.yaml} whose kind is not the one their status would give. */
    private static final Map<String, Kind> BY_TYPE = Map.of(
            "/problems/malware-detected", MalwareDetectedException::new,
            "/problems/approval-required", ApprovalRequiredException::new,
            "/problems/precondition-failed", ConflictException::new,
            "/problems/precondition-required", ConflictException::new,
            "/problems/rate-limited", RateLimitedException::new,
            "/problems/validation", InvalidRequestException::new,
            "/problems/unauthenticated", AuthenticationException::new,
            "/problems/permission-denied", PermissionException::new,
            "/problems/not-found", NotFoundException::new);

    private ProblemTypes() {
    }

    static BtobApiException exceptionFor(WebClientResponseException response, Problem problem, int attempts) {
        Kind kind = problem == null || problem.getType() == null ? null : BY_TYPE.get(problem.getType());
        if (kind == null) {
            kind = byStatus(response.getStatusCode().value());
        }
        return kind.create(response, problem, attempts);
    }

    private static Kind byStatus(int status) {
        return switch (status) {
            case 400, 422 -> InvalidRequestException::new;
            case 401 -> AuthenticationException::new;
            case 403 -> PermissionException::new;
            case 404 -> NotFoundException::new;
            case 409, 412, 428 -> ConflictException::new;
            case 429 -> RateLimitedException::new;
            default -> BtobApiException::new;
        };
    }
}
