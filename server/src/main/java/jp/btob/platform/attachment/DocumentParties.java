package jp.btob.platform.attachment;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The two parties of a document of any attachable kind, read with that kind's query. */
@Repository
class DocumentParties {

    private final DatabaseClient db;

    DocumentParties(DatabaseClient db) {
        this.db = db;
    }

    /** The document's parties; empty when there is no such document. */
    Mono<Parties> of(AttachableKind kind, UUID documentId) {
        return db.sql(kind.partiesQuery())
                .bind("id", documentId)
                .map((row, meta) -> new Parties(row.get("seller_id", UUID.class), row.get("buyer_id", UUID.class),
                        Boolean.TRUE.equals(row.get("seller_only", Boolean.class))))
                .one();
    }

    record Parties(UUID sellerId, UUID buyerId, boolean sellerOnly) {

        /** Whether the company is a party that sees the document now. */
        boolean visibleTo(UUID companyId) {
            return sellerId.equals(companyId) || (!sellerOnly && buyerId.equals(companyId));
        }
    }
}
