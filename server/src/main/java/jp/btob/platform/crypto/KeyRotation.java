package jp.btob.platform.crypto;

import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Key rotation with no downtime (SEC-ENC). Reads go on throughout: every wrapped data key names
 * its master key, and every value names its data key, so old and new coexist until the
 * rotation is done. Each rotation is recorded in the audit trail as the platform's own act.
 */
public class KeyRotation {

    /** Values re-encrypted per page; each value is still its own statement. */
    private static final int PAGE = 100;

    /** Below every row ID: PostgreSQL orders UUIDs by their bytes, unsigned. */
    private static final UUID FIRST = new UUID(0, 0);

    private final DataKeys keys;

    private final FieldEncryption encryption;

    private final ReencryptionRepository values;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    KeyRotation(DataKeys keys, FieldEncryption encryption, ReencryptionRepository values, AuditLog audit,
                TransactionalOperator tx) {
        this.keys = keys;
        this.encryption = encryption;
        this.values = values;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * Re-wraps every data key not yet wrapped by the current master key, one statement per key,
     * each committed with its audit event on the company's chain; then records the rotation on
     * the platform's chain. Answers how many keys were re-wrapped. Keep the previous master key
     * configured until this has finished, on every instance.
     */
    public Mono<Long> rotateMasterKey() {
        String current = keys.currentMasterKeyId();
        return keys.notWrappedByCurrent()
                .concatMap(row -> keys.rewrap(row)
                        .filter(Boolean::booleanValue)
                        .flatMap(rewrapped -> audit.record(new AuditEntry(chainOf(row.companyId()), Actor.system(),
                                        AuditAction.KEY_REWRAP, "data-key", row.id(), AuditOutcome.SUCCESS,
                                        Map.of("fromMasterKey", row.masterKeyId(), "toMasterKey", current)))
                                .thenReturn(1L))
                        .as(tx::transactional))
                .count()
                .flatMap(count -> audit.record(new AuditEntry(null, Actor.system(), AuditAction.KEY_MASTER_ROTATE,
                                "master-key", null, AuditOutcome.SUCCESS, Map.of("masterKey", current, "rewrapped", count)))
                        .thenReturn(count));
    }

    /**
     * Gives the company a new ACTIVE data key for new writes and retires the old one, committed
     * with its audit event. Existing values stay readable under the retired key until
     * {@link #reencrypt} has moved them. Answers the new key's ID.
     */
    public Mono<UUID> rotateDataKey(UUID companyId) {
        return keys.rotate(companyId)
                .flatMap(rotated -> audit.record(new AuditEntry(chainOf(companyId), Actor.system(), AuditAction.KEY_DATA_ROTATE,
                                "data-key", rotated.id(), AuditOutcome.SUCCESS, Map.of("version", rotated.version())))
                        .thenReturn(rotated.id()))
                .as(tx::transactional)
                .doOnSuccess(id -> keys.forgetActive(companyId));
    }

    /**
     * Re-encrypts the company's values in one column that are not under its active data key,
     * one conditional statement per value, in pages, while reads go on; then records what it did.
     * Answers how many values it re-encrypted. Run it again after {@link KeyCache#ACTIVE_FOR}
     * when other instances may still have been writing under the retired key.
     */
    public Mono<Long> reencrypt(UUID companyId, EncryptedColumn column) {
        return keys.active(companyId)
                .flatMap(key -> sweep(companyId, column, key, FIRST, 0L)
                        .flatMap(count -> audit.record(new AuditEntry(chainOf(companyId), Actor.system(), AuditAction.KEY_REENCRYPT,
                                        "data-key", key.id(), AuditOutcome.SUCCESS,
                                        Map.of("table", column.table(), "column", column.column(), "reencrypted", count)))
                                .thenReturn(count)));
    }

    private Mono<Long> sweep(UUID companyId, EncryptedColumn column, DataKey key, UUID after, long done) {
        return values.notUnder(column, companyId, key.id(), after, PAGE)
                .collectList()
                .flatMap(page -> page.isEmpty() ? Mono.just(done) : Mono.just(page)
                        .flatMapIterable(rows -> rows)
                        .concatMap(stored -> {
                            String aad = column.aad(stored.rowId());
                            return encryption.decrypt(companyId, aad, stored.value())
                                    .flatMap(plain -> encryption.encryptUnder(key, aad, plain))
                                    .flatMap(value -> values.replace(column, companyId, stored.rowId(), stored.value(), value));
                        })
                        .filter(Boolean::booleanValue)
                        .count()
                        .flatMap(count -> sweep(companyId, column, key, page.get(page.size() - 1).rowId(), done + count)));
    }

    /** The platform's own data key is recorded on the platform's chain, a company's on the company's. */
    private static UUID chainOf(UUID keyOwner) {
        return FieldEncryption.PLATFORM.equals(keyOwner) ? null : keyOwner;
    }
}
