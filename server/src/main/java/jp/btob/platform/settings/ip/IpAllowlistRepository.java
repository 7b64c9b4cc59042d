package jp.btob.platform.settings.ip;

import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.IpAllowlistEntry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A company's allow-list rows, in the order they were given. */
@Repository
class IpAllowlistRepository {

    private final DatabaseClient db;

    IpAllowlistRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The company's entries: one query on the primary key's index. */
    Mono<List<IpAllowlistEntry>> entries(UUID companyId) {
        return db.sql("SELECT cidr, label FROM company_ip_allowlist WHERE company_id = :companyId ORDER BY position")
                .bind("companyId", companyId)
                .map((row, meta) -> new IpAllowlistEntry(row.get("cidr", String.class)).label(row.get("label", String.class)))
                .all()
                .collectList();
    }

    /** Holds the company's row until the transaction ends, so that concurrent changes of its list take turns. */
    Mono<Void> lock(UUID companyId) {
        return db.sql("SELECT id FROM company WHERE id = :companyId FOR UPDATE")
                .bind("companyId", companyId)
                .fetch()
                .first()
                .then();
    }

    Mono<Void> replace(UUID companyId, List<IpAllowlistEntry> entries) {
        Mono<Void> delete = db.sql("DELETE FROM company_ip_allowlist WHERE company_id = :companyId")
                .bind("companyId", companyId)
                .fetch()
                .rowsUpdated()
                .then();
        Flux<Long> inserts = Flux.range(0, entries.size())
                .concatMap(position -> db.sql("""
                                INSERT INTO company_ip_allowlist (company_id, position, cidr, label)
                                VALUES (:companyId, :position, :cidr, :label)
                                """)
                        .bind("companyId", companyId)
                        .bind("position", position)
                        .bind("cidr", entries.get(position).getCidr())
                        .bind("label", Parameter.fromOrEmpty(entries.get(position).getLabel(), String.class))
                        .fetch()
                        .rowsUpdated());
        return delete.thenMany(inserts).then();
    }
}
