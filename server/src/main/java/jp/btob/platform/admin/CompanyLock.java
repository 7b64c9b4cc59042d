package jp.btob.platform.admin;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Serialises the administration of one company: every change to its users and roles takes the
 * company's row first, in its transaction, so that a rule read before the change (the last
 * administrator, a free role name) still holds when it commits.
 */
@Component
class CompanyLock {

    private final DatabaseClient db;

    CompanyLock(DatabaseClient db) {
        this.db = db;
    }

    /** Locks the company's row until the transaction ends; call it first inside the transaction. */
    Mono<Void> lock(UUID companyId) {
        return db.sql("SELECT id FROM company WHERE id = :id FOR UPDATE")
                .bind("id", companyId)
                .map((row, meta) -> 1)
                .all()
                .then();
    }
}
