package jp.btob.platform.invoice;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What other features read of the invoices a company received. */
@Component
public class ReceivedInvoices {

    private final DatabaseClient db;

    ReceivedInvoices(DatabaseClient db) {
        this.db = db;
    }

    /** The total, tax included, of the invoice the buyer received; empty for any other invoice. */
    public Mono<Long> total(UUID buyerId, UUID invoiceId) {
        return db.sql("SELECT total_amount FROM invoice WHERE id = :id AND buyer_id = :buyer")
                .bind("id", invoiceId).bind("buyer", buyerId)
                .map((row, meta) -> row.get("total_amount", Long.class))
                .one();
    }
}
