package jp.btob.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import jp.btob.client.model.FieldError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

class BtobApiExceptionTest {

    static final String VALIDATION_PROBLEM = """
            {"type":"/problems/validation","title":"The request does not match the API contract",
             "status":400,"detail":"1 field is invalid.","instance":"/api/v1/auth/login",
             "traceId":"4bf92f3577b34da6a3ce929d0e0e4736",
             "errors":[{"field":"loginId","code":"required","message":"must not be blank"}]}
            """;

    @Test
    @DisplayName("[PLT-SDK] an error answer with a problem body translates to its status and fields")
    void translatesProblem() {
        WebClientResponseException response = response(400, "application/problem+json", VALIDATION_PROBLEM);

        BtobApiException problem = BtobApiException.from(response);

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).isEqualTo("/problems/validation");
        assertThat(problem.getTitle()).isEqualTo("The request does not match the API contract");
        assertThat(problem.getDetail()).isEqualTo("1 field is invalid.");
        assertThat(problem.getInstance()).isEqualTo("/api/v1/auth/login");
        assertThat(problem.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(problem.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).isEqualTo("loginId");
            assertThat(error.getCode()).isEqualTo(FieldError.CodeEnum.REQUIRED);
            assertThat(error.getMessage()).isEqualTo("must not be blank");
        });
        assertThat(problem).hasMessage(
                "400 /problems/validation: 1 field is invalid. (traceId 4bf92f3577b34da6a3ce929d0e0e4736)")
                .hasCause(response);
    }

    @Test
    @DisplayName("[PLT-SDK] a problem body with a charset parameter is still read")
    void readsProblemWithCharset() {
        BtobApiException problem = BtobApiException.from(
                response(400, "application/problem+json;charset=UTF-8", VALIDATION_PROBLEM));

        assertThat(problem.getType()).isEqualTo("/problems/validation");
    }

    @Test
    @DisplayName("[PLT-SDK] an error answer without a problem body keeps its status alone")
    void keepsStatusOfOtherBodies() {
        WebClientResponseException response = response(502, "text/html", "<html>Bad Gateway</html>");

        BtobApiException problem = BtobApiException.from(response);

        assertThat(problem.getStatus()).isEqualTo(502);
        assertThat(problem.getType()).isNull();
        assertThat(problem.getTraceId()).isNull();
        assertThat(problem.getErrors()).isEmpty();
        assertThat(problem).hasMessage(response.getMessage()).hasCause(response);
    }

    @Test
    @DisplayName("[PLT-SDK] a malformed problem body keeps its status alone")
    void keepsStatusOfMalformedProblems() {
        BtobApiException problem = BtobApiException.from(response(500, "application/problem+json", "{not json"));

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getType()).isNull();
    }

    @Test
    @DisplayName("[PLT-SDK] translate maps error answers in onErrorMap and leaves other failures alone")
    void translateInOnErrorMap() {
        WebClientResponseException response = response(400, "application/problem+json", VALIDATION_PROBLEM);
        assertThatThrownBy(() -> Mono.error(response).onErrorMap(BtobApiException::translate).block())
                .isInstanceOfSatisfying(BtobApiException.class,
                        problem -> assertThat(problem.getType()).isEqualTo("/problems/validation"));

        IllegalStateException other = new IllegalStateException("connection refused");
        assertThat(BtobApiException.translate(other)).isSameAs(other);
    }

    private static WebClientResponseException response(int status, String contentType, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        return WebClientResponseException.create(HttpStatusCode.valueOf(status), "", headers,
                body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, null);
    }
}
