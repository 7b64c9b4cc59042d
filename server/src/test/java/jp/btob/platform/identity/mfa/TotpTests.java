package jp.btob.platform.identity.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {

    /** The SHA-1 seed of RFC 6238 Appendix B. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    @DisplayName("[SEC-MFA] RFC 6238 Appendix B test vectors (SHA-1, 8 digits), and their last 6 digits as 6-digit codes")
    void rfc6238Vectors(long unixTime, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixTime));

        assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(expected);
        assertThat(Totp.code(RFC_SEED, step, 6)).isEqualTo(expected.substring(2));
    }

    @Test
    @DisplayName("[SEC-TIME] one step of skew is accepted either way, two are not, and the step the code belongs to is answered")
    void skewOfOneStep() {
        Instant now = Instant.ofEpochSecond(1_234_567_890L);
        long step = Totp.step(now);

        assertThat(TotpCheck.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step, 6), now)).contains(step);
        assertThat(TotpCheck.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 1, 6), now)).contains(step - 1);
        assertThat(TotpCheck.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 1, 6), now)).contains(step + 1);
        assertThat(TotpCheck.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 2, 6), now)).isEmpty();
        assertThat(TotpCheck.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 2, 6), now)).isEmpty();
    }

    @Test
    @DisplayName("[SEC-MFA] base32 as authenticator apps read it: RFC 4648 vectors without padding, and back")
    void base32() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Base32.decode("MZXW6YTBOI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base32.decode("mzxw6ytboi======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base32.decode(Base32.encode(RFC_SEED))).isEqualTo(RFC_SEED);
    }
}
