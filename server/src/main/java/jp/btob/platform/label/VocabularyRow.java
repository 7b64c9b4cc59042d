package jp.btob.platform.label;

import java.time.Instant;
import java.util.UUID;

/** A tag of a company's vocabulary, as stored. */
record VocabularyRow(UUID id, UUID companyId, String name, String color, String description, Instant createdAt,
                     Instant updatedAt) {
}
