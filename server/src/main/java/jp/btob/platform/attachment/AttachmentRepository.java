package jp.btob.platform.attachment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.crypto.EncryptedColumn;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.trade.SharedDocument;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Attachments: inserted once, their scan's outcome written once by a statement conditional on
 * {@code PENDING_SCAN}, so that an upload's own scan and the rescans of any instance settle a
 * file exactly once. The bytes are read only by {@link #content}.
 */
@Repository
class AttachmentRepository {

    /** The encrypted bytes, for a data-key re-encryption ({@code crypto.KeyRotation#reencrypt}). */
    static final EncryptedColumn CONTENT = new EncryptedColumn("attachment", "id", "company_id", "content");

    private static final String COLUMNS = """
            id, document_type, document_id, company_id, actor_type, actor_id, filename, media_type, size, sha256,
            status, signature, uploaded_at, scanned_at""";

    private final DatabaseClient db;

    AttachmentRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A fresh ID from PostgreSQL's generator, needed before the bytes are encrypted: they are bound to it. */
    Mono<UUID> newId() {
        return db.sql("SELECT gen_random_uuid() AS id").map((row, meta) -> row.get("id", UUID.class)).one();
    }

    /** Keeps a new file, {@code PENDING_SCAN}; the rescan job leaves it alone until {@code rescanFrom}. */
    Mono<AttachmentRow> insert(AttachmentRow attachment, byte[] ciphertext, Instant rescanFrom) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO attachment (id, document_type, document_id, company_id, actor_type, actor_id, filename,
                                                media_type, size, sha256, content, status, next_scan_at, uploaded_at)
                        VALUES (:id, :type, :document, :company, :actorType, :actorId, :filename, :mediaType, :size,
                                :sha256, :content, 'PENDING_SCAN', :rescanFrom, :uploadedAt)
                        RETURNING\s""" + COLUMNS)
                .bind("id", attachment.id())
                .bind("type", attachment.kind().value())
                .bind("document", attachment.documentId())
                .bind("company", attachment.companyId())
                .bind("actorType", attachment.uploadedBy().type().getValue())
                .bind("filename", attachment.filename())
                .bind("mediaType", attachment.mediaType())
                .bind("size", attachment.size())
                .bind("sha256", attachment.sha256())
                .bind("content", ciphertext)
                .bind("rescanFrom", rescanFrom)
                .bind("uploadedAt", attachment.uploadedAt());
        spec = attachment.uploadedBy().id() == null ? spec.bindNull("actorId", UUID.class)
                : spec.bind("actorId", attachment.uploadedBy().id());
        return spec.map((row, meta) -> attachment(row)).one();
    }

    Mono<AttachmentRow> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM attachment WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> attachment(row))
                .one();
    }

    /** The encrypted bytes of an attachment. */
    Mono<byte[]> content(UUID id) {
        return db.sql("SELECT content FROM attachment WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> row.get("content", byte[].class))
                .one();
    }

    /** A page of a document's attachments, oldest first. */
    Flux<AttachmentRow> list(SharedDocument kind, UUID documentId, PageCursor after, int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + """
                         FROM attachment
                        WHERE document_type = :type AND document_id = :document
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (uploaded_at, id) > (:afterAt, :afterId))
                        ORDER BY uploaded_at, id
                        LIMIT :limit
                        """)
                .bind("type", kind.value())
                .bind("document", documentId)
                .bind("limit", fetch);
        spec = after == null ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map((row, meta) -> attachment(row)).all();
    }

    /**
     * Writes the scan's outcome if the file is still {@code PENDING_SCAN}; empty when another scan
     * settled it first.
     */
    Mono<AttachmentRow> settle(UUID id, AttachmentStatus status, String signature, Instant now) {
        if (!AttachmentStatus.PENDING_SCAN.next().contains(status)) {
            throw new IllegalArgumentException("A scan settles a file as available or quarantined, not " + status);
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE attachment SET status = :status, signature = :signature, scanned_at = :now
                        WHERE id = :id AND status = 'PENDING_SCAN'
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("status", status.name())
                .bind("now", now);
        spec = signature == null ? spec.bindNull("signature", String.class) : spec.bind("signature", signature);
        return spec.map((row, meta) -> attachment(row)).one();
    }

    /**
     * Claims up to {@code batch} files due for another scan, oldest due first, and puts their next
     * turn {@code lease} ahead, so that another instance running the job at the same time takes
     * other files ({@code SKIP LOCKED}) and a file whose scan was cut short is tried again later.
     */
    Flux<Pending> claimPending(Instant now, Duration lease, int batch) {
        return db.sql("""
                        UPDATE attachment a SET next_scan_at = :next, scan_attempts = a.scan_attempts + 1
                        FROM (SELECT id FROM attachment
                              WHERE status = 'PENDING_SCAN' AND next_scan_at <= :now
                              ORDER BY next_scan_at
                              LIMIT :batch
                              FOR UPDATE SKIP LOCKED) due
                        WHERE a.id = due.id
                        RETURNING a.id, a.company_id, a.content
                        """)
                .bind("now", now)
                .bind("next", now.plus(lease))
                .bind("batch", batch)
                .map((row, meta) -> new Pending(row.get("id", UUID.class), row.get("company_id", UUID.class),
                        row.get("content", byte[].class)))
                .all();
    }

    /** A file claimed for a scan, with its encrypted bytes. */
    record Pending(UUID id, UUID companyId, byte[] ciphertext) {
    }

    private static AttachmentRow attachment(Readable row) {
        return new AttachmentRow(row.get("id", UUID.class),
                SharedDocument.of(row.get("document_type", String.class)).orElseThrow(),
                row.get("document_id", UUID.class), row.get("company_id", UUID.class),
                new Actor(AuditActorType.fromValue(row.get("actor_type", String.class)), row.get("actor_id", UUID.class)),
                row.get("filename", String.class), row.get("media_type", String.class), row.get("size", Long.class),
                row.get("sha256", byte[].class), AttachmentStatus.valueOf(row.get("status", String.class)),
                row.get("signature", String.class), row.get("uploaded_at", Instant.class),
                row.get("scanned_at", Instant.class));
    }
}
