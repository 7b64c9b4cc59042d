package jp.btob.platform.identity.mfa;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static jp.btob.platform.identity.mfa.EmailMfaTests.problem;
import static jp.btob.platform.identity.mfa.MfaSteps.awaitCode;
import static jp.btob.platform.identity.mfa.MfaSteps.mailCount;
import static jp.btob.platform.identity.mfa.MfaSteps.start;
import static jp.btob.platform.identity.mfa.MfaSteps.verify;
import static org.assertj.core.api.Assertions.assertThat;

/** Codes by text message through the HTTP SMS gateway (WireMock), and what an outage of the gateway does. */
class SmsMfaTests extends IntegrationTest {

    private static final Pattern SMS_CODE = Pattern.compile("code: (\\d{6})");

    private final Sql sql = new Sql(DATABASE);

    private final WireMockServer gateway = Receivers.sms();

    @Autowired
    private CircuitBreaker smsCircuitBreaker;

    private String user;

    private String phone;

    @BeforeEach
    void userWithSms() {
        smsCircuitBreaker.reset();
        gateway.resetAll();
        answer(202);
        TestCompany company = fixtures.company("株式会社ショートメール");
        user = company.staffLoginId();
        phone = "+8190" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        WebTestClient session = client(login(user));
        session.put().uri("/api/v1/me/mfa/phone").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phoneNumber", phone)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.phoneNumberSet").isEqualTo(true)
                .jsonPath("$.phoneNumberHint").isEqualTo("•".repeat(phone.length() - 2) + phone.substring(phone.length() - 2));
        session.put().uri("/api/v1/me/mfa").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("channel", "SMS"))
                .exchange().expectStatus().isOk();
    }

    @AfterEach
    void closeCircuit() {
        smsCircuitBreaker.reset();
        gateway.resetAll();
    }

    @Test
    @DisplayName("[SEC-MFA] the code goes to the gateway as JSON with the API key, to the user's number, and opens the session")
    void smsLogin() {
        Map<String, Object> answer = start(client(), user, DemoData.PASSWORD, null);

        assertThat(answer).containsEntry("mfaRequired", true).containsEntry("channel", "SMS");
        List<LoggedRequest> sent = sentTo(phone);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("Bearer test-sms-key");
        assertThat(sent.get(0).getHeader("Content-Type")).startsWith("application/json");
        verify(client(), answer.get("challengeId"), code(sent.get(0))).expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-MFA] the phone number is stored encrypted, not in clear")
    void phoneEncrypted() {
        Map<String, Object> row = sql.rows("SELECT m.phone_number FROM user_mfa m JOIN app_user u ON u.id = m.user_id"
                + " WHERE u.login_id = ?", user).get(0);
        assertThat(new String((byte[]) row.get("phone_number"), StandardCharsets.ISO_8859_1)).doesNotContain(phone)
                .doesNotContain(phone.substring(1));
    }

    @Test
    @DisplayName("[SEC-MFA] gateway outage: a clear 503 sms-unavailable naming e-mail, retried calls, then the circuit opens and the gateway gets no call; e-mail still works")
    void outageOpensCircuitAndEmailStillWorks() {
        answer(500);
        Map<String, Object> first = problem(loginExpecting(503, null));
        assertThat(first.get("type")).isEqualTo("/problems/sms-unavailable");
        assertThat((String) first.get("detail")).contains("EMAIL");
        assertThat(sentTo(phone)).as("one call and two retries").hasSize(3);

        problem(loginExpecting(503, null));
        assertThat(smsCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int calls = gateway.findAll(postRequestedFor(urlEqualTo("/messages"))).size();
        assertThat(problem(loginExpecting(503, null)).get("type")).isEqualTo("/problems/sms-unavailable");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo("/messages")))).as("no call while the circuit is open").hasSize(calls);

        String address = user + "@test.example";
        int seen = mailCount(address);
        Map<String, Object> byMail = start(client(), user, DemoData.PASSWORD, "EMAIL");
        assertThat(byMail).containsEntry("channel", "EMAIL");
        verify(client(), byMail.get("challengeId"), awaitCode(address, seen)).expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-MFA] a 4xx from the gateway is not retried and does not count against the circuit")
    void clientErrorNotRetried() {
        answer(400);
        assertThat(problem(loginExpecting(503, null)).get("type")).isEqualTo("/problems/sms-unavailable");

        assertThat(sentTo(phone)).hasSize(1);
        assertThat(smsCircuitBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    private WebTestClient.ResponseSpec loginExpecting(int status, String channel) {
        return client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(channel == null ? Map.of("loginId", user, "password", DemoData.PASSWORD)
                        : Map.of("loginId", user, "password", DemoData.PASSWORD, "channel", channel))
                .exchange().expectStatus().isEqualTo(status);
    }

    private void answer(int status) {
        gateway.stubFor(post(urlEqualTo("/messages")).willReturn(aResponse().withStatus(status)));
    }

    private List<LoggedRequest> sentTo(String number) {
        return gateway.findAll(postRequestedFor(urlEqualTo("/messages"))).stream()
                .filter(request -> request.getBodyAsString().contains("\"" + number + "\""))
                .toList();
    }

    private static String code(LoggedRequest request) {
        Matcher matcher = SMS_CODE.matcher(request.getBodyAsString());
        assertThat(matcher.find()).as(request.getBodyAsString()).isTrue();
        return matcher.group(1);
    }
}
