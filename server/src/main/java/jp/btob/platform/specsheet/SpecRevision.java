package jp.btob.platform.specsheet;

import java.time.Instant;
import java.util.UUID;

/** A revision of a spec sheet as the seller submitted it. */
record SpecRevision(UUID specSheetId, int revision, SpecContent content, Instant submittedAt) {
}
