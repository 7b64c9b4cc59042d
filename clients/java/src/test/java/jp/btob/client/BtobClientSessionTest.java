package jp.btob.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jp.btob.client.model.Me;
import jp.btob.client.model.LoginResponse;
import jp.btob.client.model.MfaChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class BtobClientSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOGIN = "/api/v1/auth/login";
    private static final String LOGOUT = "/api/v1/auth/logout";
    private static final String ME = "/api/v1/me";
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private static final String SESSION = """
            {"token":"tok-123","tokenType":"Bearer","expiresAt":"2026-11-25T09:30:00Z",
             "passwordChangeRequired":false,"mfaRequired":false}
            """;
    private static final String ME_BODY = """
            {"id":"3f9a4c1e-6b2d-4c8a-9e1f-2a7b5c3d4e6f","loginId":"buyer-admin","displayName":"買手 管理者",
             "email":"admin@buyer.example","role":"ADMIN",
             "company":{"companyId":"9b2e7c1a-4d3f-4e5a-8b6c-1d2e3f4a5b6c","code":"BUYR-0001","name":"株式会社サンプル商事"}}
            """;
    private static final String INVALID_CREDENTIALS = """
            {"type":"/problems/invalid-credentials","title":"The login ID and password do not match",
             "status":401,"detail":"Check the login ID and password.","traceId":"trace-401"}
            """;

    private StubServer server;
    private BtobClient client;

    @BeforeEach
    void start() throws IOException {
        server = StubServer.http()
                .answer("POST", LOGIN, 200, JSON, SESSION)
                .answer("POST", LOGOUT, 204, null, null)
                .answer("GET", ME, 200, JSON, ME_BODY);
        client = BtobClient.builder().baseUrl(server.baseUrl()).allowInsecureHttp().build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("[PLT-SDK] login carries the session token on later calls")
    void loginCarriesToken() {
        LoginResponse session = client.login("buyer-admin", "Demo#2026pass").block(WAIT);
        Me me = client.me().getMe().block(WAIT);

        assertThat(session.getToken()).isEqualTo("tok-123");
        assertThat(session.getPasswordChangeRequired()).isFalse();
        assertThat(me.getDisplayName()).isEqualTo("買手 管理者");
        assertThat(me.getCompany().getCode()).isEqualTo("BUYR-0001");
        assertThat(server.last(LOGIN).authorization()).isNull();
        assertThat(server.last(LOGIN).body()).contains("\"loginId\":\"buyer-admin\"", "\"password\":\"Demo#2026pass\"");
        assertThat(server.last(ME).authorization()).isEqualTo("Bearer tok-123");
    }

    @Test
    @DisplayName("[PLT-SDK] logout ends the session and later calls carry no token")
    void logoutForgetsToken() {
        client.login("buyer-admin", "Demo#2026pass").block(WAIT);

        client.logout().block(WAIT);
        client.me().getMe().block(WAIT);

        assertThat(server.last(LOGOUT).authorization()).isEqualTo("Bearer tok-123");
        assertThat(server.last(ME).authorization()).isNull();
    }

    @Test
    @DisplayName("[PLT-SDK] login, deferred calls and logout work in one chain")
    void worksInOneChain() {
        Me me = client.login("buyer-admin", "Demo#2026pass")
                .then(Mono.defer(() -> client.me().getMe()))
                .flatMap(found -> client.logout().thenReturn(found))
                .block(WAIT);

        assertThat(me.getLoginId()).isEqualTo("buyer-admin");
        assertThat(server.requests()).extracting(StubServer.Request::path, StubServer.Request::authorization)
                .containsExactly(
                        tuple(LOGIN, null),
                        tuple(ME, "Bearer tok-123"),
                        tuple(LOGOUT, "Bearer tok-123"));
    }

    @Test
    @DisplayName("[PLT-SDK] a login that answers a second-factor challenge and no token keeps the token the client had")
    void loginWithoutTokenKeepsEarlierToken() {
        client.login("buyer-admin", "Demo#2026pass").block(WAIT);
        server.answer("POST", LOGIN, 200, JSON, """
                {"passwordChangeRequired":false,"mfaRequired":true,"challengeId":"ch-1","channel":"TOTP"}
                """);

        LoginResponse challenge = client.login("buyer-staff", "Demo#2026pass").block(WAIT);
        client.me().getMe().block(WAIT);

        assertThat(challenge.getMfaRequired()).isTrue();
        assertThat(challenge.getChannel()).isEqualTo(MfaChannel.TOTP);
        assertThat(challenge.getToken()).isNull();
        assertThat(server.last(ME).authorization()).isEqualTo("Bearer tok-123");
    }

    @Test
    @DisplayName("[PLT-SDK] logout without a session sends nothing")
    void logoutWithoutSession() {
        client.logout().block(WAIT);

        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("[PLT-SDK] logout forgets the token even when the server refuses it")
    void logoutForgetsRefusedToken() {
        server.answer("POST", LOGOUT, 401, PROBLEM_JSON, INVALID_CREDENTIALS.replace("invalid-credentials", "unauthenticated"));
        client.login("buyer-admin", "Demo#2026pass").block(WAIT);

        assertThatThrownBy(() -> client.logout().block(WAIT))
                .isInstanceOfSatisfying(BtobApiException.class,
                        problem -> assertThat(problem.getType()).isEqualTo("/problems/unauthenticated"));
        client.me().getMe().block(WAIT);

        assertThat(server.last(ME).authorization()).isNull();
    }

    @Test
    @DisplayName("[PLT-SDK] a client built with a bearer token starts signed in")
    void startsFromExistingToken() {
        BtobClient resumed = BtobClient.builder().baseUrl(server.baseUrl()).allowInsecureHttp()
                .bearerToken("tok-earlier").build();

        resumed.me().getMe().block(WAIT);

        assertThat(server.last(ME).authorization()).isEqualTo("Bearer tok-earlier");
    }

    @Test
    @DisplayName("[PLT-SDK] a refused login fails with its problem and leaves the client signed out")
    void refusedLogin() {
        server.answer("POST", LOGIN, 401, PROBLEM_JSON, INVALID_CREDENTIALS);

        assertThatThrownBy(() -> client.login("buyer-admin", "wrong").block(WAIT))
                .isInstanceOfSatisfying(BtobApiException.class, problem -> {
                    assertThat(problem.getStatus()).isEqualTo(401);
                    assertThat(problem.getType()).isEqualTo("/problems/invalid-credentials");
                    assertThat(problem.getTraceId()).isEqualTo("trace-401");
                });
        client.me().getMe().block(WAIT);

        assertThat(server.last(ME).authorization()).isNull();
    }

    @Test
    @DisplayName("[PLT-SDK] an error answer of a generated API translates to its problem")
    void generatedApiErrorsTranslate() {
        server.answer("GET", ME, 401, PROBLEM_JSON, """
                {"type":"/problems/unauthenticated","title":"No valid session or credentials",
                 "status":401,"detail":"Sign in first.","traceId":"trace-me"}
                """);

        assertThatThrownBy(() -> client.me().getMe().onErrorMap(BtobApiException::translate).block(WAIT))
                .isInstanceOfSatisfying(BtobApiException.class, problem -> {
                    assertThat(problem.getStatus()).isEqualTo(401);
                    assertThat(problem.getType()).isEqualTo("/problems/unauthenticated");
                    assertThat(problem.getDetail()).isEqualTo("Sign in first.");
                    assertThat(problem.getTraceId()).isEqualTo("trace-me");
                });
    }

    @Test
    @DisplayName("[PLT-SDK] the session token is shared by every API of a client")
    void tokenIsSharedAcrossApis() {
        client.login("buyer-admin", "Demo#2026pass").block(WAIT);

        List<String> tokens = List.of(
                client.me().getApiClient(), client.companies().getApiClient(), client.partners().getApiClient())
                .stream()
                .map(api -> ((SharedApiClient) api).sessionToken().getBearerToken())
                .toList();

        assertThat(tokens).containsOnly("tok-123");
    }
}
