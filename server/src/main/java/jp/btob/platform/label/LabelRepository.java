package jp.btob.platform.label;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.trade.SharedDocument;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The companies' vocabularies and label sets (migration {@code V28}). */
@Repository
class LabelRepository {

    private static final String TAG = "tag";

    private static final String TEXT = "text";

    private final DatabaseClient db;

    LabelRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<VocabularyRow> vocabulary(UUID companyId) {
        return db.sql("SELECT * FROM label_vocabulary WHERE company_id = :company ORDER BY lower(name), id")
                .bind("company", companyId)
                .map((row, meta) -> vocabularyRow(row))
                .all();
    }

    Mono<VocabularyRow> tag(UUID companyId, UUID id) {
        return db.sql("SELECT * FROM label_vocabulary WHERE company_id = :company AND id = :id")
                .bind("company", companyId)
                .bind("id", id)
                .map((row, meta) -> vocabularyRow(row))
                .one();
    }

    /** The company's tags among these IDs; another company's are never among them. */
    Flux<VocabularyRow> tags(UUID companyId, Collection<UUID> ids) {
        return db.sql("SELECT * FROM label_vocabulary WHERE company_id = :company AND id = ANY(:ids)")
                .bind("company", companyId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> vocabularyRow(row))
                .all();
    }

    Mono<Long> countTags(UUID companyId) {
        return db.sql("SELECT count(*) AS n FROM label_vocabulary WHERE company_id = :company")
                .bind("company", companyId)
                .map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    Mono<VocabularyRow> insertTag(UUID companyId, String name, String color, String description, UUID by,
                                  Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO label_vocabulary (id, company_id, name, color, description, created_by, created_at,
                                                      updated_at)
                        VALUES (gen_random_uuid(), :company, :name, :color, :description, :by, :now, :now)
                        RETURNING *
                        """)
                .bind("company", companyId)
                .bind("name", name)
                .bind("now", now);
        spec = color == null ? spec.bindNull("color", String.class) : spec.bind("color", color);
        spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
        spec = by == null ? spec.bindNull("by", UUID.class) : spec.bind("by", by);
        return spec.map((row, meta) -> vocabularyRow(row)).one();
    }

    /** The tag as changed; empty when the company has no such tag. */
    Mono<VocabularyRow> updateTag(UUID companyId, UUID id, String name, String color, String description,
                                  Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE label_vocabulary SET name = :name, color = :color, description = :description,
                                                    updated_at = :now
                        WHERE company_id = :company AND id = :id
                        RETURNING *
                        """)
                .bind("company", companyId)
                .bind("id", id)
                .bind("name", name)
                .bind("now", now);
        spec = color == null ? spec.bindNull("color", String.class) : spec.bind("color", color);
        spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
        return spec.map((row, meta) -> vocabularyRow(row)).one();
    }

    /**
     * Removes the tag and, by the foreign key, its uses; each label set that carried it gets a new
     * version first, so that an ETag read before names it no more. Answers how many sets carried it.
     */
    Mono<Long> deleteTag(UUID companyId, UUID id, UUID by, Instant now) {
        DatabaseClient.GenericExecuteSpec bump = db.sql("""
                        UPDATE document_label_set s SET version = version + 1, updated_by = :by, updated_at = :now
                        FROM document_label l
                        WHERE l.vocabulary_id = :id AND l.company_id = :company AND s.company_id = l.company_id
                          AND s.document_type = l.document_type AND s.document_id = l.document_id
                        """)
                .bind("id", id)
                .bind("company", companyId)
                .bind("now", now);
        bump = by == null ? bump.bindNull("by", UUID.class) : bump.bind("by", by);
        return bump.fetch().rowsUpdated()
                .flatMap(sets -> db.sql("DELETE FROM label_vocabulary WHERE company_id = :company AND id = :id")
                        .bind("company", companyId)
                        .bind("id", id)
                        .fetch().rowsUpdated()
                        .filter(deleted -> deleted > 0)
                        .map(deleted -> sets));
    }

    /** The company's set on the document: 0 and empty when it has none yet. */
    Mono<LabelSet> set(UUID companyId, SharedDocument kind, UUID documentId) {
        Mono<Integer> version = db.sql("""
                        SELECT version FROM document_label_set
                        WHERE company_id = :company AND document_type = :type AND document_id = :id
                        """)
                .bind("company", companyId)
                .bind("type", kind.value())
                .bind("id", documentId)
                .map((row, meta) -> row.get("version", Integer.class))
                .one()
                .defaultIfEmpty(0);
        Mono<List<Copied>> labels = db.sql("""
                        SELECT l.kind, l.label, v.id, v.company_id, v.name, v.color, v.description, v.created_at,
                               v.updated_at
                        FROM document_label l LEFT JOIN label_vocabulary v ON v.id = l.vocabulary_id
                        WHERE l.company_id = :company AND l.document_type = :type AND l.document_id = :id
                        ORDER BY lower(coalesce(v.name, l.label)), l.label
                        """)
                .bind("company", companyId)
                .bind("type", kind.value())
                .bind("id", documentId)
                .map((row, meta) -> new Copied(
                        row.get("kind", String.class), row.get("label", String.class),
                        TAG.equals(row.get("kind", String.class)) ? vocabularyRow(row) : null))
                .all()
                .collectList();
        return Mono.zip(version, labels).map(both -> {
            List<VocabularyRow> tags = both.getT2().stream().filter(c -> c.tag() != null)
                    .map(Copied::tag).toList();
            List<String> texts = both.getT2().stream().filter(c -> c.tag() == null)
                    .map(Copied::label).toList();
            return new LabelSet(kind, documentId, tags, texts, both.getT1());
        });
    }

    /**
     * Writes the company's set at the next version if it is still at {@code version}; empty when
     * another change came first.
     */
    Mono<Integer> replace(UUID companyId, SharedDocument kind, UUID documentId, int version, Collection<UUID> tagIds,
                          Collection<String> texts, UUID by, Instant now) {
        DatabaseClient.GenericExecuteSpec advance = db.sql(version == 0 ? """
                        INSERT INTO document_label_set (company_id, document_type, document_id, version, updated_by,
                                                        updated_at)
                        VALUES (:company, :type, :id, 1, :by, :now)
                        ON CONFLICT DO NOTHING
                        RETURNING version
                        """ : """
                        UPDATE document_label_set SET version = version + 1, updated_by = :by, updated_at = :now
                        WHERE company_id = :company AND document_type = :type AND document_id = :id
                          AND version = :version
                        RETURNING version
                        """)
                .bind("company", companyId)
                .bind("type", kind.value())
                .bind("id", documentId)
                .bind("now", now);
        if (version != 0) {
            advance = advance.bind("version", version);
        }
        advance = by == null ? advance.bindNull("by", UUID.class) : advance.bind("by", by);
        return advance.map((row, meta) -> row.get("version", Integer.class)).one()
                .flatMap(next -> db.sql("""
                                DELETE FROM document_label
                                WHERE company_id = :company AND document_type = :type AND document_id = :id
                                """)
                        .bind("company", companyId)
                        .bind("type", kind.value())
                        .bind("id", documentId)
                        .fetch().rowsUpdated()
                        .then(db.sql("""
                                        INSERT INTO document_label (company_id, kind, label, document_type, document_id,
                                                                    vocabulary_id)
                                        SELECT :company, :tag, CAST(t AS text), :type, :id, t FROM unnest(:tags) AS t
                                        UNION ALL
                                        SELECT :company, :text, x, :type, :id, NULL FROM unnest(:texts) AS x
                                        """)
                                .bind("company", companyId)
                                .bind("tag", TAG)
                                .bind("text", TEXT)
                                .bind("type", kind.value())
                                .bind("id", documentId)
                                .bind("tags", tagIds.toArray(UUID[]::new))
                                .bind("texts", texts.toArray(String[]::new))
                                .fetch().rowsUpdated())
                        .thenReturn(next));
    }

    private static VocabularyRow vocabularyRow(Readable row) {
        return new VocabularyRow(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("name", String.class), row.get("color", String.class), row.get("description", String.class),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }

    /** A label as read: a tag with its vocabulary entry, or a free-form label. */
    private record Copied(String kind, String label, VocabularyRow tag) {
    }
}
