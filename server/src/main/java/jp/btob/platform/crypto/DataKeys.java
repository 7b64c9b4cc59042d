package jp.btob.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;

import jp.btob.platform.system.Times;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per-company data keys: made on first use, wrapped by the current master key, unwrapped by
 * whichever master key each one names, and cached unwrapped.
 */
class DataKeys {

    private static final int KEY_BYTES = 32;

    private final DataKeyRepository keys;

    private final MasterKeys masters;

    private final AesGcm gcm;

    private final KeyCache cache;

    private final Clock clock;

    DataKeys(DataKeyRepository keys, MasterKeys masters, AesGcm gcm, int cacheSize, Clock clock) {
        this.keys = keys;
        this.masters = masters;
        this.gcm = gcm;
        this.cache = new KeyCache(cacheSize, clock);
        this.clock = clock;
    }

    /** The key new values of the company are written under, made on the company's first use. */
    Mono<DataKey> active(UUID companyId) {
        DataKey cached = cache.active(companyId);
        if (cached != null) {
            return Mono.just(cached);
        }
        return keys.findActive(companyId)
                .switchIfEmpty(Mono.defer(() -> {
                    UUID id = gcm.randomUuid();
                    MasterKey master = masters.current();
                    return keys.insertFirst(id, companyId, master.id(), wrap(master, companyId, id, gcm.randomBytes(KEY_BYTES)),
                                    Times.now(clock))
                            .then(keys.findActive(companyId));
                }))
                .map(this::unwrap)
                .doOnNext(cache::putActive);
    }

    /** The key a stored value names, if the company has it. */
    Mono<DataKey> find(UUID companyId, UUID id) {
        DataKey cached = cache.get(companyId, id);
        if (cached != null) {
            return Mono.just(cached);
        }
        return keys.find(companyId, id).map(this::unwrap).doOnNext(cache::put);
    }

    /** Retires the company's active key and makes a new one; answers the new key's ID and version. */
    Mono<DataKeyRotated> rotate(UUID companyId) {
        UUID id = gcm.randomUuid();
        MasterKey master = masters.current();
        return keys.rotate(id, companyId, master.id(), wrap(master, companyId, id, gcm.randomBytes(KEY_BYTES)),
                        Times.now(clock))
                .map(version -> new DataKeyRotated(id, version));
    }

    /** Drops the company's active key from the cache, once its rotation has committed. */
    void forgetActive(UUID companyId) {
        cache.forgetActive(companyId);
    }

    String currentMasterKeyId() {
        return masters.current().id();
    }

    Flux<DataKeyRow> notWrappedByCurrent() {
        return keys.wrappedByOtherThan(masters.current().id());
    }

    /** Re-wraps one key by the current master key; false if another rotation got there first. */
    Mono<Boolean> rewrap(DataKeyRow row) {
        DataKey key = unwrap(row);
        MasterKey current = masters.current();
        return keys.rewrap(row.id(), row.masterKeyId(), current.id(),
                wrap(current, row.companyId(), row.id(), key.key().getEncoded()));
    }

    private byte[] wrap(MasterKey master, UUID companyId, UUID keyId, byte[] raw) {
        return gcm.seal(master.key(), new byte[0], wrappingAad(companyId, keyId), raw);
    }

    private DataKey unwrap(DataKeyRow row) {
        MasterKey master = masters.find(row.masterKeyId()).orElseThrow(() -> new DecryptionException("Data key "
                + row.id() + " is wrapped by master key " + row.masterKeyId() + ", which is not configured (configured: "
                + masters.ids() + "); keep a rotated master key configured until every data key is re-wrapped"));
        try {
            byte[] raw = gcm.open(master.key(), row.wrappedKey(), 0, wrappingAad(row.companyId(), row.id()));
            return new DataKey(row.id(), row.companyId(), new SecretKeySpec(raw, "AES"));
        }
        catch (AEADBadTagException ex) {
            throw new DecryptionException("Data key " + row.id() + " does not unwrap with master key "
                    + master.id() + ": the configured key is not the one that wrapped it", ex);
        }
    }

    /** A wrapped key copied to another company's row or ID does not unwrap. */
    private static byte[] wrappingAad(UUID companyId, UUID keyId) {
        return ("data_key:" + companyId + ":" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** A new data key's ID and version. */
    record DataKeyRotated(UUID id, int version) {
    }
}
