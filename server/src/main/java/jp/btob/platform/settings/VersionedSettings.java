package jp.btob.platform.settings;

import java.time.Instant;
import java.util.UUID;

/**
 * Settings with their place in the company's history: version 0 and no change stamp while the
 * company has the platform's defaults.
 */
record VersionedSettings(SecuritySettings settings, long version, Instant updatedAt, UUID updatedBy) {

    VersionedSettings withSettings(SecuritySettings other) {
        return new VersionedSettings(other, version, updatedAt, updatedBy);
    }
}
