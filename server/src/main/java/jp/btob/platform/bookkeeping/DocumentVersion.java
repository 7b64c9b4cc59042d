package jp.btob.platform.bookkeeping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.audit.Actor;
import jp.btob.platform.system.Sha256;

/** One stored version of a document: its canonical content, the chain's link, who made it, when and why. */
record DocumentVersion(DocumentType type, UUID documentId, int version, UUID sellerId, UUID buyerId, String content,
                       byte[] previousHash, byte[] hash, Actor actor, Instant recordedAt, String reason) {

    /** The link: SHA-256 of the previous version's hash (none for the first) and the content as UTF-8. */
    static byte[] link(byte[] previousHash, String content) {
        return Sha256.of(previousHash, content.getBytes(StandardCharsets.UTF_8));
    }
}
