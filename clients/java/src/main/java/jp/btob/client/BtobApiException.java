package jp.btob.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jp.btob.client.invoker.ApiClient;
import jp.btob.client.model.FieldError;
import jp.btob.client.model.Problem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error answer of the BtoB Platform API: its HTTP status and, when the body is an
 * {@code application/problem+json} document (RFC 9457), the problem's fields, with the
 * {@code Retry-After} the answer carried and how many attempts the client made.
 *
 * <p>The calls of a {@link BtobClient} fail with the subclass for the problem's {@code type}, or for the
 * status when the type is not one the client knows: {@link InvalidRequestException} (400, 422, with the
 * field errors), {@link AuthenticationException} (401), {@link PermissionException} (403),
 * {@link NotFoundException} (404), {@link ConflictException} (409, 412, 428),
 * {@link RateLimitedException} (429), {@link MalwareDetectedException} and
 * {@link ApprovalRequiredException}; any other status is a plain {@code BtobApiException}.
 *
 * <p>A generated API used over another {@code ApiClient} fails with Spring's
 * {@link WebClientResponseException}; map it with {@code .onErrorMap(BtobApiException::translate)}.
 */
public class BtobApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Configured as the generated ApiClient configures its own, so problems parse as the models do. */
    private static final JsonMapper MAPPER = ApiClient.createDefaultMapper(null);

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final String instance;
    private final String traceId;
    private final transient List<FieldError> errors;
    private final Duration retryAfter;
    private final int attempts;

    /** For the subclasses; {@link #from} builds the right one. */
    protected BtobApiException(WebClientResponseException cause, Problem problem, int attempts) {
        super(message(cause, problem, attempts), cause);
        this.status = cause.getStatusCode().value();
        this.type = problem == null ? null : problem.getType();
        this.title = problem == null ? null : problem.getTitle();
        this.detail = problem == null ? null : problem.getDetail();
        this.instance = problem == null ? null : problem.getInstance();
        this.traceId = problem == null ? null : problem.getTraceId();
        this.errors = problem == null || problem.getErrors() == null
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(problem.getErrors()));
        this.retryAfter = RetryAfter.parse(cause.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), Clock.systemUTC());
        this.attempts = attempts;
    }

    /**
     * Reads the problem in the response's body. A body that is not a problem document, such as a
     * proxy's HTML error page, gives an exception with the status alone.
     */
    public static BtobApiException from(WebClientResponseException response) {
        return from(response, 1);
    }

    /** As {@link #from(WebClientResponseException)}, for the last answer of {@code attempts} attempts. */
    static BtobApiException from(WebClientResponseException response, int attempts) {
        return ProblemTypes.exceptionFor(response, problemOf(response), attempts);
    }

    /**
     * Turns an error answer into a {@code BtobApiException} and leaves any other failure, such as a
     * refused connection, as it is; for {@code Mono.onErrorMap} and {@code Flux.onErrorMap}.
     */
    public static Throwable translate(Throwable error) {
        return error instanceof WebClientResponseException response ? from(response) : error;
    }

    /** The HTTP status of the answer, which the problem's own {@code status} repeats. */
    public int getStatus() {
        return status;
    }

    /** A stable URI reference such as {@code /problems/validation}; null when the body is not a problem. */
    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    /** Identifies the request in the platform's logs; quote it to support. */
    public String getTraceId() {
        return traceId;
    }

    /** One entry per invalid field for validation problems; empty otherwise, never null. */
    public List<FieldError> getErrors() {
        return errors;
    }

    /** How long the answer asked to wait before trying again ({@code Retry-After}), if it said. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How many times the client sent the request, this answer being the last; 1 when it was not retried. */
    public int getAttempts() {
        return attempts;
    }

    private static Problem problemOf(WebClientResponseException response) {
        MediaType contentType = response.getHeaders().getContentType();
        if (contentType == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(contentType)) {
            return null;
        }
        try {
            return MAPPER.readValue(response.getResponseBodyAsByteArray(), Problem.class);
        } catch (JacksonException malformed) {
            // The status still says what failed; the unreadable body stays on the cause.
            return null;
        }
    }

    private static String message(WebClientResponseException cause, Problem problem, int attempts) {
        String message = problem == null
                ? cause.getMessage()
                : cause.getStatusCode().value() + " " + problem.getType() + ": " + problem.getDetail()
                        + " (traceId " + problem.getTraceId() + ")";
        return attempts > 1 ? message + "; gave up after " + attempts + " attempts" : message;
    }
}
