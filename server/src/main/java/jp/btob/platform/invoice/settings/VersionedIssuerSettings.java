package jp.btob.platform.invoice.settings;

import java.time.Instant;
import java.util.UUID;

/** Settings with their place in the company's history: version 0 and no change stamp for the platform's defaults. */
record VersionedIssuerSettings(IssuerSettings settings, long version, Instant updatedAt, UUID updatedBy) {
}
