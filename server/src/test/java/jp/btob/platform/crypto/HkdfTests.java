package jp.btob.platform.crypto;

import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HKDF-SHA256 against the test vectors of RFC 5869, appendix A. */
class HkdfTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("[OPS-LOG] HKDF-SHA256 gives the output of RFC 5869 test case 1")
    void rfc5869Case1() {
        byte[] okm = Hkdf.sha256(HEX.parseHex("0b".repeat(22)), HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

        assertThat(HEX.formatHex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    @DisplayName("[OPS-LOG] HKDF-SHA256 gives the output of RFC 5869 test case 2 (long inputs, three blocks)")
    void rfc5869Case2() {
        byte[] ikm = new byte[80];
        byte[] salt = new byte[80];
        byte[] info = new byte[80];
        for (int i = 0; i < 80; i++) {
            ikm[i] = (byte) i;
            salt[i] = (byte) (0x60 + i);
            info[i] = (byte) (0xb0 + i);
        }

        assertThat(HEX.formatHex(Hkdf.sha256(ikm, salt, info, 82))).isEqualTo(
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    @Test
    @DisplayName("[OPS-LOG] HKDF-SHA256 gives the output of RFC 5869 test case 3 (empty salt and info)")
    void rfc5869Case3() {
        byte[] okm = Hkdf.sha256(HEX.parseHex("0b".repeat(22)), new byte[0], new byte[0], 42);

        assertThat(HEX.formatHex(okm)).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    @DisplayName("[OPS-LOG] HKDF-SHA256 refuses an output length of 0 or beyond 255 blocks")
    void lengthOutOfRangeThenRefused() {
        assertThatThrownBy(() -> Hkdf.sha256(new byte[32], new byte[32], new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hkdf.sha256(new byte[32], new byte[32], new byte[0], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
