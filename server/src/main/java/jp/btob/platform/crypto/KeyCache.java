package jp.btob.platform.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Unwrapped data keys in memory, least recently used first out, so that a read does not go to
 * the database and unwrap each time. Locked with monitors, not locks that park: the critical
 * sections are a map lookup, and they run on event-loop threads.
 */
final class KeyCache {

    /**
     * How long this instance keeps writing under the active key it knows; a rotation made on
     * another instance takes effect here within this time.
     */
    static final Duration ACTIVE_FOR = Duration.ofSeconds(30);

    private final Map<UUID, DataKey> byId;

    private final Map<UUID, Active> activeByCompany;

    private final Clock clock;

    KeyCache(int size, Clock clock) {
        this.byId = lru(size);
        this.activeByCompany = lru(size);
        this.clock = clock;
    }

    DataKey get(UUID companyId, UUID id) {
        synchronized (byId) {
            DataKey key = byId.get(id);
            return key != null && key.companyId().equals(companyId) ? key : null;
        }
    }

    DataKey active(UUID companyId) {
        Active active;
        synchronized (activeByCompany) {
            active = activeByCompany.get(companyId);
        }
        return active != null && clock.instant().isBefore(active.until()) ? get(companyId, active.keyId()) : null;
    }

    void put(DataKey key) {
        synchronized (byId) {
            byId.put(key.id(), key);
        }
    }

    void putActive(DataKey key) {
        put(key);
        synchronized (activeByCompany) {
            activeByCompany.put(key.companyId(), new Active(key.id(), clock.instant().plus(ACTIVE_FOR)));
        }
    }

    void forgetActive(UUID companyId) {
        synchronized (activeByCompany) {
            activeByCompany.remove(companyId);
        }
    }

    private static <V> Map<UUID, V> lru(int size) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, V> eldest) {
                return size() > size;
            }
        };
    }

    private record Active(UUID keyId, Instant until) {
    }
}
