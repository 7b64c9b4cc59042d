package jp.btob.platform.identity.mfa;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.SecuritySettingsSteps;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/** Logins with a second factor, as a user goes through them, and the codes they receive. */
final class MfaSteps {

    static final Pattern CODE = Pattern.compile("code is (\\d{6})");

    private MfaSteps() {
    }

    /** The company's administrator makes a second factor compulsory for every user. */
    static void requireMfa(WebTestClient admin) {
        SecuritySettingsSteps.change(admin, form -> SecuritySettingsSteps.set(form, "mfa.required", true));
    }

    static Map<String, Object> start(WebTestClient client, String loginId, String password, String channel) {
        Map<String, Object> body = channel == null ? Map.of("loginId", loginId, "password", password)
                : Map.of("loginId", loginId, "password", password, "channel", channel);
        return client.post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult().getResponseBody();
    }

    static WebTestClient.ResponseSpec verify(WebTestClient client, Object challengeId, String code) {
        return client.post().uri("/api/v1/auth/mfa/verify")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("challengeId", challengeId, "code", code))
                .exchange();
    }

    static WebTestClient.ResponseSpec resend(WebTestClient client, Object challengeId) {
        return client.post().uri("/api/v1/auth/mfa/resend")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("challengeId", challengeId))
                .exchange();
    }

    /** How many codes have been mailed to the address so far. */
    static int mailCount(String address) {
        return mailsTo(address).size();
    }

    /** Waits for the mail after the first {@code seen} ones to the address and answers its code. */
    static String awaitCode(String address, int seen) {
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(address).size() > seen);
        try {
            Matcher matcher = CODE.matcher((String) mailsTo(address).get(seen).getContent());
            if (!matcher.find()) {
                throw new AssertionError("No code in the mail to " + address);
            }
            return matcher.group(1);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A code that is surely not this one. */
    static String other(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(Receivers.mail().getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .toList();
    }
}
