package jp.btob.platform.crypto;

import java.util.UUID;
import java.util.concurrent.Callable;

import javax.crypto.AEADBadTagException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Encrypts confidential field values at rest with AES-256-GCM under the company's data key
 * (SEC-ENC). {@code aad} names the value's place, {@code table:column:row-id} (see
 * {@link EncryptedColumn#aad}), so a value copied to another row or column does not decrypt.
 */
public class FieldEncryption {

    /** The owner of the platform's own data key, for fields of no company (the operators' TOTP secrets). */
    public static final UUID PLATFORM = new UUID(0, 0);

    /**
     * AES-GCM runs at about a gigabyte a second with AES-NI, so values up to this size take
     * microseconds and are done in place; larger ones (attachments) would hold the event loop.
     */
    static final int IN_PLACE_LIMIT = 64 * 1024;

    private final DataKeys keys;

    private final AesGcm gcm;

    FieldEncryption(DataKeys keys, AesGcm gcm) {
        this.keys = keys;
        this.gcm = gcm;
    }

    public Mono<byte[]> encrypt(UUID companyId, String aad, byte[] plaintext) {
        return keys.active(companyId).flatMap(key -> encryptUnder(key, aad, plaintext));
    }

    Mono<byte[]> encryptUnder(DataKey key, String aad, byte[] plaintext) {
        return work(plaintext.length, () -> gcm.seal(key.key(), Ciphertext.header(key.id()),
                Ciphertext.associatedData(key.companyId(), aad), plaintext));
    }

    public Mono<byte[]> decrypt(UUID companyId, String aad, byte[] ciphertext) {
        return Mono.fromCallable(() -> Ciphertext.dataKeyId(ciphertext))
                .flatMap(keyId -> keys.find(companyId, keyId)
                        .switchIfEmpty(Mono.error(() -> new DecryptionException("The value names data key " + keyId
                                + ", which company " + companyId + " does not have: it was written for another company"))))
                .flatMap(key -> work(ciphertext.length, () -> {
                    try {
                        return gcm.open(key.key(), ciphertext, Ciphertext.HEADER_BYTES,
                                Ciphertext.associatedData(companyId, aad));
                    }
                    catch (AEADBadTagException ex) {
                        throw new DecryptionException("The value does not decrypt as " + aad
                                + ": it was changed, or moved from another record or column", ex);
                    }
                }));
    }

    private static Mono<byte[]> work(int size, Callable<byte[]> aes) {
        Mono<byte[]> done = Mono.fromCallable(aes);
        return size <= IN_PLACE_LIMIT ? done : done.subscribeOn(Schedulers.boundedElastic());
    }
}
