package jp.btob.platform.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured master keys: the current one wraps new and re-wrapped data keys; the
 * previous ones still unwrap the data keys that name them, so reads go on during a rotation.
 */
public final class MasterKeys {

    private final MasterKey current;

    private final Map<String, MasterKey> byId;

    MasterKeys(MasterKey current, List<MasterKey> previous) {
        Map<String, MasterKey> keys = new LinkedHashMap<>();
        keys.put(current.id(), current);
        for (MasterKey key : previous) {
            if (keys.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("Two master keys have the ID " + key.id());
            }
        }
        this.current = current;
        this.byId = Map.copyOf(keys);
    }

    /** The first key is the current one. */
    static MasterKeys of(List<MasterKey> keys) {
        return new MasterKeys(keys.get(0), keys.subList(1, keys.size()));
    }

    MasterKey current() {
        return current;
    }

    Optional<MasterKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Set<String> ids() {
        return byId.keySet();
    }

    /** These keys with another current one; the present keys all stay, to unwrap what they wrapped. */
    MasterKeys rotatedTo(MasterKey next) {
        List<MasterKey> previous = new ArrayList<>(byId.values());
        previous.removeIf(key -> key.id().equals(next.id()));
        return new MasterKeys(next, previous);
    }
}
