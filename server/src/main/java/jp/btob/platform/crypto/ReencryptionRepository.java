package jp.btob.platform.crypto;

import java.nio.ByteBuffer;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and rewrites the values of an {@link EncryptedColumn}, for re-encryption under a new data key. */
@Repository
class ReencryptionRepository {

    private final DatabaseClient db;

    ReencryptionRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * A page of the company's values that name another data key than this one, after a row ID.
     * The data-key ID sits at bytes 2 to 17 of every value ({@link Ciphertext}).
     */
    Flux<StoredValue> notUnder(EncryptedColumn c, UUID companyId, UUID dataKeyId, UUID after, int limit) {
        return db.sql("SELECT " + c.idColumn() + " AS id, " + c.column() + " AS value FROM " + c.table()
                        + " WHERE " + c.companyColumn() + " = :company AND " + c.idColumn() + " > :after"
                        + " AND " + c.column() + " IS NOT NULL AND substring(" + c.column() + " FROM 2 FOR 16) <> :key"
                        + " ORDER BY " + c.idColumn() + " LIMIT :limit")
                .bind("company", companyId)
                .bind("after", after)
                .bind("key", bytes(dataKeyId))
                .bind("limit", limit)
                .map(row -> new StoredValue(row.get("id", UUID.class), row.get("value", byte[].class)))
                .all();
    }

    /** Replaces one value, only if it is still the one read: a write made meanwhile is newer and stays. */
    Mono<Boolean> replace(EncryptedColumn c, UUID companyId, UUID rowId, byte[] old, byte[] value) {
        return db.sql("UPDATE " + c.table() + " SET " + c.column() + " = :value WHERE " + c.idColumn() + " = :id AND "
                        + c.companyColumn() + " = :company AND " + c.column() + " = :old")
                .bind("value", value).bind("id", rowId).bind("company", companyId).bind("old", old)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    record StoredValue(UUID rowId, byte[] value) {
    }
}
