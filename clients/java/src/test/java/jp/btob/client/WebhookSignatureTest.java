package jp.btob.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import jp.btob.client.WebhookSignature.InvalidSignatureException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    private static final byte[] BODY = "{\"id\":\"e1\",\"type\":\"alert.raised\",\"alert\":{\"ruleName\":\"失敗\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private static final long T = 1_790_000_000L;

    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(T + 30), ZoneOffset.UTC);

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    @DisplayName("[PLT-SDK] a signature made as the platform makes it verifies (HMAC-SHA256 over t.body)")
    void verifyWhenGenuineThenPasses() {
        assertThatCode(() -> WebhookSignature.verify(SECRET, header(SECRET, T, BODY), BODY, TOLERANCE, NOW))
                .doesNotThrowAnyException();
        // Several v1 values (as during a secret rotation on a receiver's side) pass if one matches.
        assertThatCode(() -> WebhookSignature.verify(SECRET, "t=" + T + ",v1=00ff,v1=" + hex(SECRET, T, BODY), BODY,
                TOLERANCE, NOW)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("[PLT-SDK] a body changed by one byte, another secret, or a timestamp moved without re-signing fail")
    void verifyWhenTamperedThenFails() {
        byte[] changed = BODY.clone();
        changed[changed.length - 2] ^= 1;
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, header(SECRET, T, BODY), changed, TOLERANCE, NOW))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, header(SECRET + "x", T, BODY), BODY, TOLERANCE, NOW))
                .isInstanceOf(InvalidSignatureException.class);
        String forgedTime = "t=" + (T + 10) + ",v1=" + hex(SECRET, T, BODY);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, forgedTime, BODY, TOLERANCE, NOW))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    @DisplayName("[PLT-SDK] a genuine signature older (or newer) than the tolerance is refused as a replay")
    void verifyWhenOutsideToleranceThenFails() {
        long old = T + 30 - TOLERANCE.toSeconds() - 1;
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, header(SECRET, old, BODY), BODY, TOLERANCE, NOW))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("tolerance");
        long future = T + 30 + TOLERANCE.toSeconds() + 1;
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, header(SECRET, future, BODY), BODY, TOLERANCE, NOW))
                .isInstanceOf(InvalidSignatureException.class);
        long edge = T + 30 - TOLERANCE.toSeconds();
        assertThatCode(() -> WebhookSignature.verify(SECRET, header(SECRET, edge, BODY), BODY, TOLERANCE, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("[PLT-SDK] missing, malformed or signature-less headers are refused, never accepted by default")
    void verifyWhenHeaderMalformedThenFails() {
        for (String header : new String[] {null, "", "v1=" + hex(SECRET, T, BODY), "t=abc,v1=00", "t=" + T,
                "t=" + T + ",v1=zz", "t=" + T + ",v0=" + hex(SECRET, T, BODY)}) {
            assertThatThrownBy(() -> WebhookSignature.verify(SECRET, header, BODY, TOLERANCE, NOW))
                    .as(String.valueOf(header)).isInstanceOf(InvalidSignatureException.class);
        }
        assertThat(WebhookSignature.isValid(SECRET, "t=1,v1=00", BODY, TOLERANCE)).isFalse();
        assertThatThrownBy(() -> WebhookSignature.verify("", header(SECRET, T, BODY), BODY, TOLERANCE, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("[PLT-SDK] the MAC is HMAC-SHA256 of \"t.\" then the body, keyed by the secret's UTF-8 bytes")
    void hmacThenKnownAnswer() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] direct = mac.doFinal("5.body".getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookSignature.hmac("key", 5, "body".getBytes(StandardCharsets.UTF_8))).isEqualTo(direct);
    }

    @Test
    @DisplayName("[PLT-SDK] a header with several v1 values, as during a secret rotation, verifies when any one of them matches")
    void verifyWhenSeveralSignaturesThenAnyMatchingOne() {
        String old = "whsec-old";
        String both = "t=" + T + ",v1=" + hex(old, T, BODY) + ",v1=" + hex(SECRET, T, BODY);

        assertThatCode(() -> WebhookSignature.verify(SECRET, both, BODY, TOLERANCE, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookSignature.verify(old, both, BODY, TOLERANCE, NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookSignature.verify("whsec-other", both, BODY, TOLERANCE, NOW))
                .isInstanceOf(InvalidSignatureException.class);
        String garbledFirst = "t=" + T + ",v1=zz,v1=" + hex(SECRET, T, BODY);
        assertThatCode(() -> WebhookSignature.verify(SECRET, garbledFirst, BODY, TOLERANCE, NOW)).doesNotThrowAnyException();
    }

    private static String header(String secret, long t, byte[] body) {
        return "t=" + t + ",v1=" + hex(secret, t, body);
    }

    private static String hex(String secret, long t, byte[] body) {
        return HexFormat.of().formatHex(WebhookSignature.hmac(secret, t, body));
    }
}
