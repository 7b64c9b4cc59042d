package jp.btob.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import jp.btob.client.model.FieldError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error answers raised as typed exceptions (PLT-SDK). */
class BtobClientProblemTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final UUID ORDER_ID = UUID.fromString("3f9a4c1e-6b2d-4c8a-9e1f-2a7b5c3d4e6f");
    private static final String ORDER = "/api/v1/orders/" + ORDER_ID;

    private WireMockServer server;
    private BtobClient client;

    @BeforeEach
    void start() {
        server = Stubs.started();
        client = Stubs.client(server, RequestOptions.builder().maxRetries(0).build());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    @DisplayName("[PLT-SDK] a problem body is raised as its exception with type, title, status, detail, instance, traceId, field errors and Retry-After")
    void problemWithEveryField() {
        server.stubFor(get(ORDER).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json").withHeader("Retry-After", "7")
                .withBody("""
                        {"type":"/problems/unprocessable","title":"Against a business rule","status":422,
                         "detail":"2 fields are invalid.","instance":"%s","traceId":"4bf92f3577b34da6a3ce929d0e0e4736",
                         "errors":[{"field":"lines[0].quantity","code":"too-small","message":"must be positive"},
                                   {"field":"title","code":"required","message":"must not be blank"}]}
                        """.formatted(ORDER))));

        Throwable failure = catchThrowable(() -> client.orders().getOrder(ORDER_ID).block(WAIT));

        assertThat(failure).isInstanceOf(InvalidRequestException.class);
        InvalidRequestException problem = (InvalidRequestException) failure;
        assertThat(problem.getType()).isEqualTo("/problems/unprocessable");
        assertThat(problem.getTitle()).isEqualTo("Against a business rule");
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getDetail()).isEqualTo("2 fields are invalid.");
        assertThat(problem.getInstance()).isEqualTo(ORDER);
        assertThat(problem.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(problem.getRetryAfter()).contains(Duration.ofSeconds(7));
        assertThat(problem.getAttempts()).isEqualTo(1);
        assertThat(problem.getErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lines[0].quantity", FieldError.CodeEnum.TOO_SMALL),
                        org.assertj.core.groups.Tuple.tuple("title", FieldError.CodeEnum.REQUIRED));
        assertThat(problem).hasMessage("422 /problems/unprocessable: 2 fields are invalid. (traceId 4bf92f3577b34da6a3ce929d0e0e4736)");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @DisplayName("[PLT-SDK] each problem type raises its exception, an unknown type the one of its status")
    @CsvSource({
            "400, /problems/validation, InvalidRequestException",
            "400, /problems/malformed-body, InvalidRequestException",
            "422, /problems/idempotency-key-reused, InvalidRequestException",
            "422, /problems/malware-detected, MalwareDetectedException",
            "401, /problems/unauthenticated, AuthenticationException",
            "401, /problems/invalid-credentials, AuthenticationException",
            "403, /problems/permission-denied, PermissionException",
            "403, /problems/wrong-party, PermissionException",
            "404, /problems/not-found, NotFoundException",
            "409, /problems/invalid-transition, ConflictException",
            "409, /problems/approval-required, ApprovalRequiredException",
            "412, /problems/precondition-failed, ConflictException",
            "428, /problems/precondition-required, ConflictException",
            "429, /problems/rate-limited, RateLimitedException",
            "409, /problems/some-future-kind, ConflictException",
            "500, /problems/internal, BtobApiException",
            "415, /problems/unsupported-media-type, BtobApiException",
    })
    void mapsByTypeThenStatus(int status, String type, String exception) {
        server.stubFor(get(ORDER).willReturn(Stubs.problem(status, type)));

        Throwable failure = catchThrowable(() -> client.orders().getOrder(ORDER_ID).block(WAIT));

        assertThat(failure.getClass().getSimpleName()).isEqualTo(exception);
        assertThat(((BtobApiException) failure).getType()).isEqualTo(type);
        assertThat(((BtobApiException) failure).getStatus()).isEqualTo(status);
    }

    @Test
    @DisplayName("[PLT-SDK] a body that is no problem, such as a proxy's page, still raises the status's exception")
    void notAProblemThenStatusAlone() {
        server.stubFor(get(ORDER).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "text/html")
                .withBody("<html>nope</html>")));

        Throwable failure = catchThrowable(() -> client.orders().getOrder(ORDER_ID).block(WAIT));

        assertThat(failure).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.getType()).isNull();
            assertThat(e.getErrors()).isEmpty();
            assertThat(e.getRetryAfter()).isEmpty();
        });
    }

    @Test
    @DisplayName("[PLT-SDK] Retry-After is read as seconds or as an HTTP date; anything else is ignored")
    void retryAfterForms() {
        Instant now = Instant.parse("2026-11-26T09:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(90), ZoneOffset.UTC));

        assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(date, clock)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse("-5", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }
}
