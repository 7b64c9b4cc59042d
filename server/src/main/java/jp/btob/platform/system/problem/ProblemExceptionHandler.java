package jp.btob.platform.system.problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.system.db.DatabaseOutage;
import jp.btob.platform.system.trace.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every failure, the framework's included, into a problem. It runs before Spring Boot's
 * own error handler, so that no response carries a stack trace, SQL text or class name.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final Problems problems;

    public ProblemExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problems.write(exchange, problem.type(), problem.detail(), problem.errors(), HttpHeaders.EMPTY);
        }
        if (failure instanceof WebExchangeBindException invalid) {
            return validation(exchange, bodyErrors(invalid));
        }
        if (failure instanceof HandlerMethodValidationException invalid) {
            return validation(exchange, parameterErrors(invalid));
        }
        if (failure instanceof ConstraintViolationException invalid) {
            return validation(exchange, violationErrors(invalid));
        }
        if (failure instanceof UnsupportedMediaTypeStatusException unsupported) {
            return problems.write(exchange, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as one of: " + unsupported.getSupportedMediaTypes() + ".");
        }
        if (failure instanceof MethodNotAllowedException notAllowed) {
            return methodNotAllowed(exchange, notAllowed);
        }
        if (failure instanceof NotAcceptableStatusException notAcceptable) {
            return problems.write(exchange, ProblemType.NOT_ACCEPTABLE,
                    "This resource answers only: " + notAcceptable.getSupportedMediaTypes() + ".");
        }
        if (failure instanceof ServerWebInputException input) {
            return input(exchange, input);
        }
        if (failure instanceof ResponseStatusException status && status.getStatusCode().value() == 404) {
            return problems.write(exchange, ProblemType.NOT_FOUND, "There is nothing at this address.");
        }
        if (failure instanceof AuthenticationException) {
            return problems.write(exchange, ProblemType.UNAUTHENTICATED, "Log in first.");
        }
        if (failure instanceof AccessDeniedException) {
            return problems.write(exchange, ProblemType.FORBIDDEN, "You may not do this.");
        }
        return unexpected(exchange, failure);
    }

    private Mono<Void> validation(ServerWebExchange exchange, List<FieldError> errors) {
        String detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
        return problems.write(exchange, ProblemType.VALIDATION, detail, errors, HttpHeaders.EMPTY);
    }

    private Mono<Void> methodNotAllowed(ServerWebExchange exchange, MethodNotAllowedException notAllowed) {
        Set<HttpMethod> allowed = notAllowed.getSupportedMethods();
        HttpHeaders headers = new HttpHeaders();
        headers.setAllow(allowed);
        String methods = allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
        return problems.write(exchange, ProblemType.METHOD_NOT_ALLOWED,
                notAllowed.getHttpMethod() + " is not allowed here; use " + methods + ".", List.of(), headers);
    }

    private Mono<Void> input(ServerWebExchange exchange, ServerWebInputException input) {
        if (input instanceof MissingRequestValueException missing) {
            return validation(exchange, List.of(new FieldError(missing.getName(), FieldError.CodeEnum.REQUIRED,
                    "is required")));
        }
        Throwable cause = input.getCause();
        if (cause instanceof TypeMismatchException mismatch) {
            String field = parameterName(input.getMethodParameter(), mismatch.getPropertyName());
            return validation(exchange, List.of(new FieldError(field, FieldError.CodeEnum.INVALID,
                    "is not a valid value")));
        }
        if (cause instanceof DecodingException decoding) {
            return decoding(exchange, decoding);
        }
        return problems.write(exchange, ProblemType.VALIDATION, "The request body is missing or incomplete.");
    }

    private Mono<Void> decoding(ServerWebExchange exchange, DecodingException decoding) {
        Throwable cause = decoding.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
            return validation(exchange, List.of(new FieldError(field, FieldError.CodeEnum.INVALID,
                    "has the wrong type or an unknown value")));
        }
        String detail = cause instanceof JacksonException
                ? "The body is not well-formed JSON."
                : "The body could not be read.";
        return problems.write(exchange, ProblemType.MALFORMED_BODY, detail);
    }

    private Mono<Void> unexpected(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
            return problems.write(exchange, ProblemType.VALIDATION, "The request cannot be served as sent.");
        }
        String traceId = TraceIds.of(exchange);
        if (DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            // The client closed the connection before its answer was sent: nobody is left to answer,
            // and nothing failed here, so it is no error of ours to alert on.
            log.atDebug().addKeyValue("trace.id", traceId).log("Client gone before its answer, traceId={}: {}",
                    traceId, failure.toString());
            return Mono.empty();
        }
        if (DatabaseOutage.causes(failure)) {
            // The client may send the request again (DatabaseOutage says why); the outage itself is
            // the readiness probe's and the pool metrics' to report, not one stack trace per request.
            log.atWarn().addKeyValue("trace.id", traceId).log("Database unavailable, traceId={}: {}",
                    traceId, failure.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return problems.write(exchange, ProblemType.UNAVAILABLE,
                    "A service this request needs is unavailable just now; send it again after Retry-After.",
                    List.of(), headers);
        }
        // The trace ID as a field of its own: JSON logs index it, and support searches by it.
        log.atError().addKeyValue("trace.id", traceId).setCause(failure)
                .log("Unexpected failure, traceId={}", traceId);
        return problems.write(exchange, ProblemType.INTERNAL,
                "Something went wrong on our side. Quote the traceId when you contact support.");
    }

    private static List<FieldError> bodyErrors(WebExchangeBindException invalid) {
        List<FieldError> errors = new ArrayList<>();
        for (org.springframework.validation.FieldError error : invalid.getFieldErrors()) {
            errors.add(new FieldError(error.getField(), code(error), message(error)));
        }
        invalid.getGlobalErrors().forEach(error ->
                errors.add(new FieldError(error.getObjectName(), FieldError.CodeEnum.INVALID, message(error))));
        errors.sort(Comparator.comparing(FieldError::getField));
        return errors;
    }

    private static List<FieldError> parameterErrors(HandlerMethodValidationException invalid) {
        List<FieldError> errors = new ArrayList<>();
        invalid.getParameterValidationResults().forEach(result -> {
            String field = parameterName(result.getMethodParameter(), null);
            result.getResolvableErrors().forEach(error -> errors.add(new FieldError(field, code(error), message(error))));
        });
        errors.sort(Comparator.comparing(FieldError::getField));
        return errors;
    }

    /** Violations of the constraints that the generated interfaces put on parameters. */
    private static List<FieldError> violationErrors(ConstraintViolationException invalid) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : invalid.getConstraintViolations()) {
            String field = null;
            for (Path.Node node : violation.getPropertyPath()) {
                field = node.getName();
            }
            String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            FieldError.CodeEnum code = "Size".equals(constraint)
                    ? sizeCode(violation.getInvalidValue(), violation.getConstraintDescriptor().getAttributes().get("min"))
                    : code(constraint);
            errors.add(new FieldError(field, code, violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::getField));
        return errors;
    }

    /** The name the client used: the one in the mapping annotation, not the Java parameter's. */
    private static String parameterName(MethodParameter parameter, String fallback) {
        if (parameter == null) {
            return fallback != null ? fallback : "request";
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.value().isEmpty()) {
            return param.value();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.value().isEmpty()) {
            return path.value();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.value().isEmpty()) {
            return header.value();
        }
        String name = parameter.getParameterName();
        return name != null ? name : fallback != null ? fallback : "request";
    }

    /** Maps a Bean Validation constraint to the stable code of the API. */
    private static FieldError.CodeEnum code(MessageSourceResolvable error) {
        String[] codes = error.getCodes();
        String constraint = codes == null || codes.length == 0 ? "" : codes[codes.length - 1];
        if ("Size".equals(constraint) && error instanceof org.springframework.validation.FieldError field) {
            Object[] arguments = error.getArguments();
            // Spring passes the constraint's attributes in name order: max comes before min.
            return sizeCode(field.getRejectedValue(), arguments != null && arguments.length >= 3 ? arguments[2] : null);
        }
        return code(constraint);
    }

    private static FieldError.CodeEnum code(String constraint) {
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> FieldError.CodeEnum.REQUIRED;
            case "Size" -> FieldError.CodeEnum.TOO_LONG;
            case "Min", "DecimalMin" -> FieldError.CodeEnum.TOO_SMALL;
            case "Max", "DecimalMax" -> FieldError.CodeEnum.TOO_LARGE;
            case "Pattern" -> FieldError.CodeEnum.PATTERN;
            case "Email" -> FieldError.CodeEnum.FORMAT;
            default -> FieldError.CodeEnum.INVALID;
        };
    }

    private static FieldError.CodeEnum sizeCode(Object value, Object min) {
        int length = value instanceof CharSequence text ? text.length()
                : value instanceof Collection<?> items ? items.size() : 0;
        return min instanceof Integer least && length < least ? FieldError.CodeEnum.TOO_SHORT : FieldError.CodeEnum.TOO_LONG;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }
}
