package jp.btob.platform.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Failed operator logins are a platform alert rule: the operators hear of a guessing attack on their own realm. */
class OperatorLoginAlertTests extends IntegrationTest {

    private static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private static final String RULE = "platform:Failed operator logins";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[OPS-ALERT] three failed operator logins within ten minutes raise one platform alert, mailed to the operators; a fourth raises no second one")
    void failedOperatorLoginsRaiseOnePlatformAlert() {
        // A window of our own: failures of earlier tests lie more than a day behind.
        clock.advance(Duration.ofDays(1));
        Instant from = clock.instant();
        // An operator of our own: four wrong passwords stay below its lockout, and lock no one else.
        String target = fixtures.operator();

        failOperatorLogin(target);
        failOperatorLogin(target);
        assertThat(alertsSince(from)).as("two failures stay below the threshold of three").isEmpty();

        failOperatorLogin(target);
        List<Map<String, Object>> alerts = alertsSince(from);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).containsEntry("action", "operator.login").containsEntry("outcome", "FAILURE")
                .containsEntry("event_count", 3).containsEntry("visible_to_company", false);
        UUID alert = (UUID) alerts.get(0).get("id");
        for (String operator : List.of("ops-1@platform.test", "ops-2@platform.test")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mailAbout(operator, alert).size() == 1);
        }

        failOperatorLogin(target);
        assertThat(alertsSince(from)).as("one alert per rule and window").hasSize(1);
    }

    private void failOperatorLogin(String loginId) {
        client().post().uri("/api/v1/operator/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", "wrong-" + UUID.randomUUID()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().returnResult();
    }

    private List<Map<String, Object>> alertsSince(Instant from) {
        return sql.rows("SELECT id, action, outcome, event_count, visible_to_company FROM alert"
                + " WHERE chain = ? AND rule_key = ? AND raised_at >= ?", PLATFORM_CHAIN, RULE, java.sql.Timestamp.from(from));
    }

    private static List<MimeMessage> mailAbout(String address, UUID alert) {
        return Arrays.stream(Receivers.mail().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().equals(address))
                        && String.valueOf(message.getContent()).contains(alert.toString());
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }
}
