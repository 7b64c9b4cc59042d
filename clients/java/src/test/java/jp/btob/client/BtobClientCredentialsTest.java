package jp.btob.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static jp.btob.client.Stubs.json;
import static jp.btob.client.Stubs.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** An API client's secret, and a login the client renews by itself (PLT-SDK). */
class BtobClientCredentialsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOGIN = "/api/v1/auth/login";
    private static final String ME = "/api/v1/me";
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final String ME_BODY = "{\"loginId\":\"seller-staff\"}";

    private WireMockServer server;
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() {
        server = Stubs.started();
        server.stubFor(get(ME).willReturn(json(200, ME_BODY)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    @DisplayName("[PLT-SDK] an API client calls with its secret as the bearer token and names its ID in the User-Agent")
    void apiClientSecret() {
        UUID id = UUID.fromString("7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
        BtobClient client = builder().apiClient(id, "btob_sk_secret").build();

        client.me().getMe().block(WAIT);

        server.verify(getRequestedFor(urlEqualTo(ME)).withHeader("Authorization", equalTo("Bearer btob_sk_secret"))
                .withHeader("User-Agent", matching(".*\\(api-client " + id + "\\)")));
        server.verify(0, postRequestedFor(urlEqualTo(LOGIN)));
    }

    @Test
    @DisplayName("[PLT-SDK] an API client's secret must look like one, and only one kind of credentials is given")
    void apiClientChecks() {
        UUID id = UUID.randomUUID();
        assertThatIllegalArgumentException().isThrownBy(() -> builder().apiClient(id, "tok-123").build())
                .withMessageContaining("btob_sk_");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().apiClient(id, " ").build())
                .withMessageContaining("secret must not be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder().apiClient(id, "btob_sk_x").login("a", "b").build())
                .withMessageContaining("one of login, apiClient and bearerToken");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder().defaultOptions(RequestOptions.builder().idempotencyKey("k").build()).build())
                .withMessageContaining("idempotencyKey");
    }

    @Test
    @DisplayName("[PLT-SDK] a client given a login signs in before its first call, once for concurrent calls, and sends the token")
    void loginsOnceBeforeFirstCall() {
        server.stubFor(post(LOGIN).willReturn(session("tok-1", NOW.plus(Duration.ofHours(12)))));
        BtobClient client = builder().login("seller-staff", "Demo#2026pass").clock(clock).build();

        Flux.range(0, 5).flatMap(i -> client.me().getMe()).collectList().block(WAIT);

        server.verify(1, postRequestedFor(urlEqualTo(LOGIN)).withHeader("Authorization", absent()));
        server.verify(5, getRequestedFor(urlEqualTo(ME)).withHeader("Authorization", equalTo("Bearer tok-1")));
    }

    @Test
    @DisplayName("[PLT-SDK] the session is renewed by a new login a minute before it expires, not after")
    void renewsBeforeExpiry() {
        server.stubFor(post(LOGIN).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(session("tok-1", NOW.plus(Duration.ofHours(1)))).willSetStateTo("second"));
        server.stubFor(post(LOGIN).inScenario("s").whenScenarioStateIs("second")
                .willReturn(session("tok-2", NOW.plus(Duration.ofHours(2)))));
        BtobClient client = builder().login("seller-staff", "Demo#2026pass").clock(clock).build();

        client.me().getMe().block(WAIT);
        now.set(NOW.plus(Duration.ofMinutes(58)));
        client.me().getMe().block(WAIT);
        now.set(NOW.plus(Duration.ofMinutes(59)));
        client.me().getMe().block(WAIT);

        server.verify(2, postRequestedFor(urlEqualTo(LOGIN)));
        server.verify(2, getRequestedFor(urlEqualTo(ME)).withHeader("Authorization", equalTo("Bearer tok-1")));
        server.verify(1, getRequestedFor(urlEqualTo(ME)).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    @DisplayName("[PLT-SDK] a session the platform ended early is replaced by one new login, and the call goes through")
    void sessionEndedThenLoginsAgain() {
        server.stubFor(post(LOGIN).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(session("tok-1", NOW.plus(Duration.ofHours(12)))).willSetStateTo("second"));
        server.stubFor(post(LOGIN).inScenario("s").whenScenarioStateIs("second")
                .willReturn(session("tok-2", NOW.plus(Duration.ofHours(12)))));
        server.stubFor(get(ME).withHeader("Authorization", equalTo("Bearer tok-1")).willReturn(problem(401, "/problems/unauthenticated")));
        BtobClient client = builder().login("seller-staff", "Demo#2026pass").clock(clock).build();

        assertThat(client.me().getMe().block(WAIT).getLoginId()).isEqualTo("seller-staff");

        server.verify(2, postRequestedFor(urlEqualTo(LOGIN)));
        server.verify(getRequestedFor(urlEqualTo(ME)).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    @DisplayName("[PLT-SDK] wrong credentials, or a login that needs a second factor, fail the call clearly and are not retried")
    void loginRefused() {
        server.stubFor(post(LOGIN).willReturn(problem(401, "/problems/invalid-credentials")));
        BtobClient wrong = builder().login("seller-staff", "wrong").clock(clock).build();

        assertThatThrownBy(() -> wrong.me().getMe().block(WAIT)).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.getType()).isEqualTo("/problems/invalid-credentials"));
        server.verify(1, postRequestedFor(urlEqualTo(LOGIN)));
        server.verify(0, getRequestedFor(urlEqualTo(ME)));

        server.stubFor(post(LOGIN).willReturn(json(200,
                "{\"passwordChangeRequired\":false,\"mfaRequired\":true,\"challengeId\":\"ch-1\",\"channel\":\"TOTP\"}")));
        BtobClient mfa = builder().login("seller-staff", "Demo#2026pass").clock(clock).build();
        assertThatThrownBy(() -> mfa.me().getMe().block(WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("second factor");
    }

    private BtobClient.Builder builder() {
        return BtobClient.builder().baseUrl(server.baseUrl()).allowInsecureHttp();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder session(String token, Instant expiresAt) {
        return json(200, """
                {"token":"%s","tokenType":"Bearer","expiresAt":"%s","passwordChangeRequired":false,"mfaRequired":false}
                """.formatted(token, expiresAt));
    }
}
