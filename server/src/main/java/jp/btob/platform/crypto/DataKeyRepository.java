package jp.btob.platform.crypto;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The wrapped data keys. Every change is one statement. */
@Repository
class DataKeyRepository {

    private final DatabaseClient db;

    DataKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<DataKeyRow> findActive(UUID companyId) {
        return db.sql("SELECT * FROM data_key WHERE company_id = :company AND state = 'ACTIVE'")
                .bind("company", companyId)
                .map(DataKeyRepository::row)
                .one();
    }

    /** Scoped to the company, so one company's value cannot name another's key. */
    Mono<DataKeyRow> find(UUID companyId, UUID id) {
        return db.sql("SELECT * FROM data_key WHERE id = :id AND company_id = :company")
                .bind("id", id)
                .bind("company", companyId)
                .map(DataKeyRepository::row)
                .one();
    }

    /**
     * The company's first data key, unless a concurrent first use has just made one: the
     * partial unique index on the ACTIVE key turns the loser's insert into nothing.
     */
    Mono<Void> insertFirst(UUID id, UUID companyId, String masterKeyId, byte[] wrapped, Instant now) {
        return db.sql("""
                        INSERT INTO data_key (id, company_id, version, master_key_id, wrapped_key, state, created_at)
                        SELECT :id, :company, COALESCE(MAX(version), 0) + 1, :master, :wrapped, 'ACTIVE', :now
                        FROM data_key WHERE company_id = :company
                        ON CONFLICT DO NOTHING
                        """)
                .bind("id", id).bind("company", companyId).bind("master", masterKeyId)
                .bind("wrapped", wrapped).bind("now", now)
                .fetch().rowsUpdated()
                .then();
    }

    /**
     * Retires the company's ACTIVE key and inserts its successor in one statement, so there is
     * never a moment with two active keys or none. Answers the new key's version. The insert
     * reads from the retiring CTE so that PostgreSQL runs the retirement first; otherwise the
     * new ACTIVE row could meet the old one in the unique index.
     */
    Mono<Integer> rotate(UUID id, UUID companyId, String masterKeyId, byte[] wrapped, Instant now) {
        return db.sql("""
                        WITH retired AS (
                            UPDATE data_key SET state = 'RETIRED', retired_at = :now
                            WHERE company_id = :company AND state = 'ACTIVE'
                            RETURNING version)
                        INSERT INTO data_key (id, company_id, version, master_key_id, wrapped_key, state, created_at)
                        SELECT :id, :company,
                               COALESCE((SELECT MAX(version) FROM data_key WHERE company_id = :company), 0) + 1,
                               :master, :wrapped, 'ACTIVE', :now
                        FROM (SELECT count(*) FROM retired) AS done
                        RETURNING version
                        """)
                .bind("id", id).bind("company", companyId).bind("master", masterKeyId)
                .bind("wrapped", wrapped).bind("now", now)
                .map(row -> row.get("version", Integer.class))
                .one();
    }

    /** The keys that some other master key than this one wraps, in a stable order. */
    Flux<DataKeyRow> wrappedByOtherThan(String masterKeyId) {
        return db.sql("SELECT * FROM data_key WHERE master_key_id <> :master ORDER BY id")
                .bind("master", masterKeyId)
                .map(DataKeyRepository::row)
                .all();
    }

    /**
     * Replaces the wrapping, only if the key is still wrapped as read: a concurrent rotation on
     * another instance that got there first is left as it is.
     */
    Mono<Boolean> rewrap(UUID id, String fromMasterKeyId, String toMasterKeyId, byte[] wrapped) {
        return db.sql("""
                        UPDATE data_key SET master_key_id = :to, wrapped_key = :wrapped
                        WHERE id = :id AND master_key_id = :from
                        """)
                .bind("id", id).bind("from", fromMasterKeyId).bind("to", toMasterKeyId).bind("wrapped", wrapped)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static DataKeyRow row(Readable row) {
        return new DataKeyRow(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("version", Integer.class), row.get("master_key_id", String.class),
                row.get("wrapped_key", byte[].class), DataKeyState.valueOf(row.get("state", String.class)));
    }
}
