package jp.btob.platform.bookkeeping;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.audit.Actor;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The document versions: only ever inserted; the database refuses any change or removal. */
@Repository
class DocumentVersionRepository {

    private final DatabaseClient db;

    DocumentVersionRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The last version of the document, if it has one. */
    Mono<DocumentVersion> last(DocumentType type, UUID documentId) {
        return db.sql("""
                        SELECT * FROM document_version WHERE document_type = :type AND document_id = :id
                        ORDER BY version DESC LIMIT 1
                        """)
                .bind("type", type.value())
                .bind("id", documentId)
                .map((row, meta) -> map(type, row))
                .one();
    }

    /** Appends a version; the primary key refuses a second version of the same number, so the chain cannot fork. */
    Mono<Void> insert(DocumentVersion version) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO document_version (document_type, document_id, version, seller_id, buyer_id, content,
                                                      prev_hash, hash, actor_type, actor_id, recorded_at, reason)
                        VALUES (:type, :id, :version, :seller, :buyer, :content, :prevHash, :hash, :actorType, :actorId,
                                :at, :reason)
                        """)
                .bind("type", version.type().value())
                .bind("id", version.documentId())
                .bind("version", version.version())
                .bind("seller", version.sellerId())
                .bind("buyer", version.buyerId())
                .bind("content", version.content())
                .bind("hash", version.hash())
                .bind("actorType", version.actor().type().getValue())
                .bind("at", version.recordedAt())
                .bind("reason", version.reason());
        spec = version.previousHash() == null ? spec.bindNull("prevHash", byte[].class)
                : spec.bind("prevHash", version.previousHash());
        spec = version.actor().id() == null ? spec.bindNull("actorId", UUID.class)
                : spec.bind("actorId", version.actor().id());
        return spec.then();
    }

    /** Every version of the document, oldest first. */
    Flux<DocumentVersion> all(DocumentType type, UUID documentId) {
        return db.sql("SELECT * FROM document_version WHERE document_type = :type AND document_id = :id ORDER BY version")
                .bind("type", type.value())
                .bind("id", documentId)
                .map((row, meta) -> map(type, row))
                .all();
    }

    private static DocumentVersion map(DocumentType type, Readable row) {
        return new DocumentVersion(type, row.get("document_id", UUID.class), row.get("version", Integer.class),
                row.get("seller_id", UUID.class), row.get("buyer_id", UUID.class), row.get("content", String.class),
                row.get("prev_hash", byte[].class), row.get("hash", byte[].class),
                new Actor(AuditActorType.fromValue(row.get("actor_type", String.class)), row.get("actor_id", UUID.class)),
                row.get("recorded_at", Instant.class), row.get("reason", String.class));
    }
}
