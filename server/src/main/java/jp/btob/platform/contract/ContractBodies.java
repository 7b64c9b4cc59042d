package jp.btob.platform.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jp.btob.platform.crypto.EncryptedColumn;
import jp.btob.platform.crypto.FieldEncryption;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Contract bodies at rest (SEC-ENC): encrypted under the drafter's data key, bound to their
 * revision's row, and decrypted by the server for either party once the caller is known to be
 * one. The hash an agreement signs is the SHA-256 of the body's exact UTF-8 bytes.
 */
@Component
class ContractBodies {

    /** The encrypted bodies, for a data-key re-encryption ({@code crypto.KeyRotation#reencrypt}). */
    static final EncryptedColumn BODY = new EncryptedColumn("contract_revision", "id", "company_id", "body");

    private final FieldEncryption encryption;

    ContractBodies(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    Mono<byte[]> encrypt(UUID drafterId, UUID revisionId, String body) {
        return encryption.encrypt(drafterId, BODY.aad(revisionId), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body of a stored revision; a body changed at rest fails with {@code crypto.DecryptionException}. */
    Mono<String> decrypt(StoredRevision revision) {
        return encryption.decrypt(revision.companyId(), BODY.aad(revision.id()), revision.ciphertext())
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
