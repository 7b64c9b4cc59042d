package jp.btob.platform.alert;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.Sql;
import org.springframework.http.MediaType;

import static org.awaitility.Awaitility.await;

/** What the alert tests do again and again: rules and endpoints through the API, failed logins, mail received. */
abstract class AlertSteps extends IntegrationTest {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    final Sql sql = new Sql(DATABASE);

    /** A rule through the API; answers its ID. */
    UUID rule(String token, UUID companyId, String action, String outcome, int threshold, int windowSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "規則 " + action + " " + threshold);
        body.put("action", action);
        if (outcome != null) {
            body.put("outcome", outcome);
        }
        body.put("threshold", threshold);
        body.put("windowSeconds", windowSeconds);
        Map<?, ?> created = client(token).post().uri("/api/v1/companies/{c}/alert-rules", companyId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }

    /** A webhook endpoint through the API; answers the whole creation body, secret included. */
    Map<?, ?> endpoint(String token, UUID companyId, String url) {
        return client(token).post().uri("/api/v1/companies/{c}/webhook-endpoints", companyId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", url))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    void failLogin(String loginId, String password) {
        client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange().expectStatus().isUnauthorized();
    }

    long alertsOf(UUID ruleId) {
        return sql.count("SELECT count(*) FROM alert WHERE rule_id = ?", ruleId);
    }

    String emailOf(String loginId) {
        return (String) sql.rows("SELECT email FROM app_user WHERE login_id = ?", loginId).get(0).get("email");
    }

    /** Every message the SMTP server has received for this address so far. */
    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(Receivers.mail().getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .toList();
    }

    static List<MimeMessage> awaitMail(String address, int count) {
        await().atMost(DEADLINE).until(() -> mailTo(address).size() >= count);
        return mailTo(address);
    }

    static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String text(MimeMessage message) {
        try {
            return message.getSubject() + "\n" + message.getContent();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
