package jp.btob.platform.label;

import java.util.List;
import java.util.UUID;

import jp.btob.platform.trade.SharedDocument;

/**
 * A company's labels on one document: its tags, by name, and its free-form labels, as written.
 *
 * @param version the set's version and ETag; 0 before its first change
 */
record LabelSet(SharedDocument kind, UUID documentId, List<VocabularyRow> tags, List<String> labels, int version) {
}
