package jp.btob.platform.system.problem;

import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.api.model.Problem;
import jp.btob.platform.system.trace.TraceIds;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problems: the one place that turns a failure into a response body. */
@Component
public class Problems {

    private final JsonMapper jsonMapper;

    public Problems(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        return write(exchange, type, detail, List.of(), HttpHeaders.EMPTY);
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail,
                            List<FieldError> errors, HttpHeaders extraHeaders) {
        return write(exchange, type, detail, errors, extraHeaders, null);
    }

    /** A problem that names the incident under which it was recorded, to quote to support. */
    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail, UUID incidentId) {
        return write(exchange, type, detail, List.of(), HttpHeaders.EMPTY, incidentId);
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail,
                             List<FieldError> errors, HttpHeaders extraHeaders, UUID incidentId) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Problem problem = new Problem(type.uri(), type.title(), type.status().value(), detail, TraceIds.of(exchange))
                .instance(exchange.getRequest().getPath().value());
        // Only problems that name fields carry errors; the generated model starts with an empty list.
        problem.setErrors(errors.isEmpty() ? null : errors);
        problem.setIncidentId(incidentId);
        byte[] body = jsonMapper.writeValueAsBytes(problem);
        response.setStatusCode(type.status());
        HttpHeaders headers = response.getHeaders();
        headers.addAll(extraHeaders);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        headers.setCacheControl("no-store");
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
