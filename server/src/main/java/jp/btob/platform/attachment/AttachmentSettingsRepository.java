package jp.btob.platform.attachment;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The attachment size limits companies saved, one row each, written only at the version the writer read. */
@Repository
class AttachmentSettingsRepository {

    private static final String COLUMNS = "company_id, max_size, version, updated_at, updated_by";

    private final DatabaseClient db;

    AttachmentSettingsRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<SizeLimit> find(UUID companyId) {
        return db.sql("SELECT " + COLUMNS + " FROM company_attachment_settings WHERE company_id = :company")
                .bind("company", companyId)
                .map(AttachmentSettingsRepository::read)
                .one();
    }

    /**
     * The limit as the next version, in one statement: the company's first row as version 1, or its
     * row updated only if the saved version is {@code expected}. Empty when another writer got there first.
     */
    Mono<SizeLimit> save(UUID companyId, long maxSize, long expected, Instant now, UUID actorId) {
        return db.sql("INSERT INTO company_attachment_settings (" + COLUMNS + """
                        ) VALUES (:company, :maxSize, 1, :now, :actor)
                        ON CONFLICT (company_id) DO UPDATE SET
                            max_size = EXCLUDED.max_size, version = company_attachment_settings.version + 1,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                          WHERE company_attachment_settings.version = :expected
                        RETURNING\s""" + COLUMNS)
                .bind("company", companyId)
                .bind("maxSize", maxSize)
                .bind("expected", expected)
                .bind("now", now)
                .bind("actor", actorId)
                .map(AttachmentSettingsRepository::read)
                .one();
    }

    private static SizeLimit read(Readable row) {
        return new SizeLimit(row.get("max_size", Long.class), row.get("version", Long.class),
                row.get("updated_at", Instant.class), row.get("updated_by", UUID.class));
    }
}
