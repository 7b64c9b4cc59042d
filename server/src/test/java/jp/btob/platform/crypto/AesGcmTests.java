package jp.btob.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored format of a value and the AES-GCM beneath it, without a database. */
class AesGcmTests {

    private final AesGcm gcm = AesGcm.seeded();

    private final SecretKey key = new SecretKeySpec(gcm.randomBytes(32), "AES");

    @Test
    @DisplayName("[SEC-ENC] a stored value is version 1, the data-key ID, a 96-bit nonce, the ciphertext and a 128-bit tag")
    void sealThenFormatCarriesVersionKeyIdNonceAndTag() throws Exception {
        UUID dataKeyId = UUID.randomUUID();
        byte[] plaintext = "口座番号 1234567".getBytes(StandardCharsets.UTF_8);
        byte[] aad = Ciphertext.associatedData(UUID.randomUUID(), "t:c:1");

        byte[] stored = gcm.seal(key, Ciphertext.header(dataKeyId), aad, plaintext);

        assertThat(stored[0]).isEqualTo(Ciphertext.VERSION);
        assertThat(Ciphertext.dataKeyId(stored)).isEqualTo(dataKeyId);
        assertThat(stored).hasSize(1 + 16 + 12 + plaintext.length + 16);
        assertThat(gcm.open(key, stored, Ciphertext.HEADER_BYTES, aad)).isEqualTo(plaintext);
    }

    @Test
    @DisplayName("[SEC-ENC] a flipped bit anywhere in a stored value, header included, fails the GCM tag")
    void openWhenAnyBitFlippedThenTagFails() {
        byte[] aad = Ciphertext.associatedData(UUID.randomUUID(), "t:c:1");
        byte[] stored = gcm.seal(key, Ciphertext.header(UUID.randomUUID()), aad, new byte[20]);
        for (int i = 0; i < stored.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = stored.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> gcm.open(key, tampered, Ciphertext.HEADER_BYTES, aad))
                        .as("byte %d bit %d", i, bit)
                        .isInstanceOf(AEADBadTagException.class);
            }
        }
    }

    @Test
    @DisplayName("[SEC-ENC] two encryptions of one value differ: a fresh nonce each time")
    void sealTwiceThenDifferentNonces() {
        byte[] header = Ciphertext.header(UUID.randomUUID());
        byte[] first = gcm.seal(key, header, new byte[0], new byte[16]);
        byte[] second = gcm.seal(key, header, new byte[0], new byte[16]);
        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(first, 17, 29)).isNotEqualTo(Arrays.copyOfRange(second, 17, 29));
    }

    @Test
    @DisplayName("[SEC-ENC] data-key IDs are random version 4 UUIDs drawn from the seeded generator")
    void randomUuidThenVersion4() {
        UUID id = gcm.randomUuid();
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(gcm.randomUuid()).isNotEqualTo(id);
    }

    @Test
    @DisplayName("[SEC-ENC] what is not a stored value of a known version is refused before any key is looked up")
    void dataKeyIdWhenShortOrUnknownVersionThenRefused() {
        assertThatThrownBy(() -> Ciphertext.dataKeyId(new byte[Ciphertext.MIN_BYTES - 1]))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("Not an encrypted value");
        byte[] future = new byte[Ciphertext.MIN_BYTES];
        future[0] = 2;
        assertThatThrownBy(() -> Ciphertext.dataKeyId(future))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("version 2");
    }
}
