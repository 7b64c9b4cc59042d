package jp.btob.platform.partner;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.PartnerStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Partner connections. Every read names the company on one side of it. */
@Repository
class PartnerRepository {

    private static final String SELECT = """
            SELECT p.*, a.code AS inviter_code, a.name AS inviter_name, b.code AS invitee_code, b.name AS invitee_name
            FROM partner_connection p
            JOIN company a ON a.id = p.inviter_id
            JOIN company b ON b.id = p.invitee_id
            """;

    private final DatabaseClient db;

    PartnerRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts an invitation unless the two companies already have a connection. PostgreSQL draws
     * the ID, so that no random source is read on the event loop.
     */
    Mono<UUID> insertInvitation(UUID inviterId, UUID inviteeId, String message, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO partner_connection (id, inviter_id, invitee_id, status, message, invited_at, updated_at)
                        VALUES (gen_random_uuid(), :inviter, :invitee, 'INVITED', :message, :now, :now)
                        ON CONFLICT DO NOTHING
                        RETURNING id
                        """)
                .bind("inviter", inviterId)
                .bind("invitee", inviteeId)
                .bind("now", now);
        spec = message == null ? spec.bindNull("message", String.class) : spec.bind("message", message);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one();
    }

    /** The connection, if the company is on one side of it. */
    Mono<PartnerConnectionRow> findFor(UUID id, UUID companyId) {
        return db.sql(SELECT + " WHERE p.id = :id AND (p.inviter_id = :company OR p.invitee_id = :company)")
                .bind("id", id)
                .bind("company", companyId)
                .map((row, meta) -> map(row))
                .one();
    }

    /** Whether the two companies are connected, in either direction, and the connection is active. */
    Mono<Boolean> activeBetween(UUID one, UUID other) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM partner_connection WHERE status = 'ACTIVE'
                            AND ((inviter_id = :one AND invitee_id = :other) OR (inviter_id = :other AND invitee_id = :one)))
                            AS active
                        """)
                .bind("one", one)
                .bind("other", other)
                .map((row, meta) -> row.get("active", Boolean.class))
                .one();
    }

    Flux<PartnerConnectionRow> listFor(UUID companyId, PartnerStatus status, PageCursor after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT + """
                         WHERE (p.inviter_id = :company OR p.invitee_id = :company)
                          AND (CAST(:status AS text) IS NULL OR p.status = :status)
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (p.invited_at, p.id) > (:afterAt, :afterId))
                        ORDER BY p.invited_at, p.id
                        LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("limit", Pages.fetchSize(limit));
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status.getValue());
        spec = after == null
                ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map((row, meta) -> map(row)).all();
    }

    /**
     * Applies a transition in one statement, only if the connection is still in the state the
     * transition starts from and the company is still on the side that may take it: of two
     * concurrent requests, exactly one wins.
     */
    Mono<Boolean> transition(UUID id, PartnerAction action, UUID actingCompany, Instant now) {
        return db.sql("""
                        UPDATE partner_connection SET
                            status = :to,
                            accepted_at = CASE WHEN :to = 'ACTIVE' AND accepted_at IS NULL THEN :now ELSE accepted_at END,
                            suspended_at = CASE WHEN :to = 'SUSPENDED' THEN :now ELSE NULL END,
                            suspended_by = CASE WHEN :to = 'SUSPENDED' THEN CAST(:actor AS uuid) ELSE NULL END,
                            updated_at = :now
                        WHERE id = :id AND status = :from AND CASE :side
                            WHEN 'INVITED' THEN invitee_id = :actor
                            WHEN 'SUSPENDING' THEN suspended_by = :actor
                            ELSE inviter_id = :actor OR invitee_id = :actor END
                        """)
                .bind("to", action.to().getValue())
                .bind("from", action.from().getValue())
                .bind("side", action.side().name())
                .bind("now", now)
                .bind("actor", actingCompany)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static PartnerConnectionRow map(Readable row) {
        return new PartnerConnectionRow(
                row.get("id", UUID.class),
                row.get("inviter_id", UUID.class),
                row.get("invitee_id", UUID.class),
                PartnerStatus.fromValue(row.get("status", String.class)),
                row.get("message", String.class),
                row.get("invited_at", Instant.class),
                row.get("accepted_at", Instant.class),
                row.get("suspended_at", Instant.class),
                row.get("suspended_by", UUID.class),
                row.get("updated_at", Instant.class),
                new CompanyRef(row.get("inviter_id", UUID.class), row.get("inviter_code", String.class),
                        row.get("inviter_name", String.class)),
                new CompanyRef(row.get("invitee_id", UUID.class), row.get("invitee_code", String.class),
                        row.get("invitee_name", String.class)));
    }
}
