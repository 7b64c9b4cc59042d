package jp.btob.platform.attachment;

import java.time.Instant;
import java.util.UUID;

/**
 * A company's own attachment size limit as saved, with its version ({@code 0}, and no limit of
 * its own, while the company has the platform's).
 */
record SizeLimit(Long maxSize, long version, Instant updatedAt, UUID updatedBy) {

    static final SizeLimit DEFAULTS = new SizeLimit(null, 0, null, null);

    /** The limit in force under the platform's ceiling: the company's own, capped by it, or the ceiling itself. */
    long limit(long ceiling) {
        return maxSize == null ? ceiling : Math.min(maxSize, ceiling);
    }
}
