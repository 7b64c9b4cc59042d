package jp.btob.platform.alert;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jp.btob.client.WebhookSignature;
import jp.btob.client.WebhookSignature.InvalidSignatureException;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Receivers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Alerts to a company's webhook: signed, de-duplicable, retried until the receiver takes them. */
class AlertWebhookTests extends AlertSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @DisplayName("[OPS-ALERT] an alert reaches a WireMock webhook with a signature that the HMAC recomputes and the SDK verifies; a forged or old timestamp fails")
    void webhookWhenAlertRaisedThenSignedDelivery() throws Exception {
        TestCompany c = fixtures.company("株式会社警報署名");
        String path = "/signed-" + UUID.randomUUID();
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String admin = login(c.adminLoginId());
        String secret = (String) endpoint(admin, c.id(), Receivers.webhookUrl(path)).get("secret");
        rule(admin, c.id(), "auth.login", "FAILURE", 1, 300);
        Instant before = Instant.now();

        failLogin(c.staffLoginId(), "Wrong#Guess-2026");

        LoggedRequest request = awaitRequests(path, 1).get(0);
        UUID alert = (UUID) sql.rows("SELECT id FROM alert WHERE company_id = ?", c.id()).get(0).get("id");
        assertThat(request.getHeader("X-Btob-Event-Id")).isEqualTo(alert.toString());
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        byte[] body = request.getBody();
        String header = request.getHeader("X-Btob-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(t).isBetween(before.getEpochSecond() - 1, Instant.now().getEpochSecond() + 1);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        assertThat(header).endsWith(",v1=" + HexFormat.of().formatHex(mac.doFinal(body)));
        assertThatCode(() -> WebhookSignature.verify(secret, header, body, Duration.ofMinutes(5))).doesNotThrowAnyException();

        JsonNode payload = JSON.readTree(body);
        assertThat(payload.get("id").asString()).isEqualTo(alert.toString());
        assertThat(payload.get("type").asString()).isEqualTo("alert.raised");
        assertThat(payload.get("alert").get("companyCode").asString()).isEqualTo(c.code());
        assertThat(payload.get("alert").get("count").asInt()).isEqualTo(1);
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(secret, "Wrong#Guess-2026", admin);

        String forged = "t=" + (t + 60) + header.substring(header.indexOf(','));
        assertThatThrownBy(() -> WebhookSignature.verify(secret, forged, body, Duration.ofMinutes(5)))
                .isInstanceOf(InvalidSignatureException.class);
        Clock later = Clock.fixed(Instant.ofEpochSecond(t).plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        assertThatThrownBy(() -> WebhookSignature.verify(secret, header, body, Duration.ofMinutes(5), later))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> WebhookSignature.verify("whsec_not-the-secret", header, body, Duration.ofMinutes(5)))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    @DisplayName("[OPS-ALERT] WireMock answers 500, 500, 200: delivered at the third attempt, same event ID each time, attempts recorded and listed")
    void webhookWhenFailsTwiceThenDeliveredAtThirdAttempt() {
        TestCompany c = fixtures.company("株式会社警報再送");
        String path = "/retried-" + UUID.randomUUID();
        String scenario = "retry " + path;
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed twice"));
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        String admin = login(c.adminLoginId());
        endpoint(admin, c.id(), Receivers.webhookUrl(path));
        rule(admin, c.id(), "auth.login", "FAILURE", 1, 300);

        failLogin(c.staffLoginId(), "Wrong#Guess-2026");

        await().atMost(DEADLINE).until(() -> sql.count(
                "SELECT count(*) FROM notification WHERE recipient = ? AND status = 'DELIVERED'", Receivers.webhookUrl(path)) == 1);
        List<LoggedRequest> requests = Receivers.webhooks().findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> r.getHeader("X-Btob-Event-Id")).containsOnly(requests.get(0).getHeader("X-Btob-Event-Id"));
        assertThat(requests).extracting(r -> new String(r.getBody(), StandardCharsets.UTF_8)).containsOnly(
                new String(requests.get(0).getBody(), StandardCharsets.UTF_8));
        Map<String, Object> row = sql.rows("SELECT attempts, status, last_error, delivered_at FROM notification WHERE recipient = ?",
                Receivers.webhookUrl(path)).get(0);
        assertThat(row).containsEntry("attempts", 3).containsEntry("status", "DELIVERED").containsEntry("last_error", null);
        assertThat(row.get("delivered_at")).isNotNull();

        Map<?, ?> page = client(admin).get().uri("/api/v1/companies/{c}/alerts", c.id())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<?> deliveries = (List<?>) ((Map<?, ?>) ((List<?>) page.get("items")).get(0)).get("deliveries");
        assertThat(deliveries).anySatisfy(delivery -> assertThat(asMap(delivery))
                .containsEntry("channel", "WEBHOOK").containsEntry("status", "DELIVERED").containsEntry("attempts", 3)
                .containsEntry("recipient", Receivers.webhookUrl(path)));
        assertThat(deliveries).anySatisfy(delivery -> assertThat(asMap(delivery))
                .containsEntry("channel", "EMAIL").containsEntry("recipient", emailOf(c.adminLoginId())));
    }

    private static List<LoggedRequest> awaitRequests(String path, int count) {
        await().atMost(DEADLINE).until(() -> Receivers.webhooks().findAll(postRequestedFor(urlEqualTo(path))).size() >= count);
        return Receivers.webhooks().findAll(postRequestedFor(urlEqualTo(path)));
    }
}
