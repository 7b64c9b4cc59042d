package jp.btob.platform.incident;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.IncidentSeverity;
import jp.btob.platform.api.model.IncidentStatus;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Incidents with their notices and updates. Notices and updates are only ever inserted. */
@Repository
class IncidentRepository {

    private final DatabaseClient db;

    IncidentRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Records an incident; PostgreSQL draws its ID. */
    Mono<IncidentRow> insert(NewIncident incident, Instant notifyBy, Instant now, UUID operatorId) {
        return db.sql("""
                        INSERT INTO incident (id, title, description, severity, status, detected_at, notify_by,
                                              recorded_at, recorded_by, updated_at)
                        VALUES (gen_random_uuid(), :title, :description, :severity, 'OPEN', :detectedAt, :notifyBy,
                                :now, :operator, :now)
                        RETURNING *
                        """)
                .bind("title", incident.title())
                .bind("description", incident.description())
                .bind("severity", incident.severity().getValue())
                .bind("detectedAt", incident.detectedAt())
                .bind("notifyBy", notifyBy)
                .bind("now", now)
                .bind("operator", operatorId)
                .map((row, meta) -> incident(row))
                .one();
    }

    Mono<IncidentRow> find(UUID incidentId) {
        return db.sql("SELECT * FROM incident WHERE id = :id")
                .bind("id", incidentId)
                .map((row, meta) -> incident(row))
                .one();
    }

    /** The incident, locked until the transaction ends: changes to one incident take turns. */
    Mono<IncidentRow> lock(UUID incidentId, Instant now) {
        return db.sql("UPDATE incident SET updated_at = :now WHERE id = :id RETURNING *")
                .bind("id", incidentId)
                .bind("now", now)
                .map((row, meta) -> incident(row))
                .one();
    }

    /** Publishes a notice to a company; empty if the company already has one for this incident. */
    Mono<UUID> insertNotice(UUID incidentId, UUID companyId, Instant now, int recipients) {
        return db.sql("""
                        INSERT INTO incident_notice (id, incident_id, company_id, notified_at, recipient_count)
                        VALUES (gen_random_uuid(), :incident, :company, :now, :recipients)
                        ON CONFLICT (incident_id, company_id) DO NOTHING
                        RETURNING id
                        """)
                .bind("incident", incidentId)
                .bind("company", companyId)
                .bind("now", now)
                .bind("recipients", recipients)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    /** The incident's notices in the order they were published, with the companies' names. */
    Flux<NoticeRow> notices(UUID incidentId) {
        return db.sql("""
                        SELECT n.id, n.company_id, c.code, c.name, n.notified_at, n.recipient_count
                        FROM incident_notice n JOIN company c ON c.id = n.company_id
                        WHERE n.incident_id = :incident
                        ORDER BY n.notified_at, c.code
                        """)
                .bind("incident", incidentId)
                .map((row, meta) -> new NoticeRow(row.get("id", UUID.class), row.get("company_id", UUID.class),
                        row.get("code", String.class), row.get("name", String.class),
                        row.get("notified_at", Instant.class), row.get("recipient_count", Integer.class)))
                .all();
    }

    Mono<UUID> insertUpdate(UUID incidentId, UUID operatorId, String text, Instant now) {
        return db.sql("""
                        INSERT INTO incident_update (id, incident_id, posted_at, posted_by, text)
                        VALUES (gen_random_uuid(), :incident, :now, :operator, :text)
                        RETURNING id
                        """)
                .bind("incident", incidentId)
                .bind("now", now)
                .bind("operator", operatorId)
                .bind("text", text)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    Flux<UpdateRow> updates(UUID incidentId) {
        return db.sql("SELECT id, posted_at, text FROM incident_update WHERE incident_id = :incident ORDER BY posted_at, id")
                .bind("incident", incidentId)
                .map((row, meta) -> new UpdateRow(row.get("id", UUID.class), row.get("posted_at", Instant.class),
                        row.get("text", String.class)))
                .all();
    }

    /** Resolves an open incident in one conditional statement; empty if it was not open. */
    Mono<IncidentRow> resolve(UUID incidentId, UUID operatorId, String resolution, Instant now) {
        return db.sql("""
                        UPDATE incident SET status = 'RESOLVED', resolved_at = :now, resolved_by = :operator,
                                            resolution = :resolution, updated_at = :now
                        WHERE id = :id AND status = 'OPEN'
                        RETURNING *
                        """)
                .bind("id", incidentId)
                .bind("operator", operatorId)
                .bind("resolution", resolution)
                .bind("now", now)
                .map((row, meta) -> incident(row))
                .one();
    }

    /** A page of incidents, newest recorded first, each with how many companies it affected and whether all were told in time. */
    Flux<SummaryRow> list(PageCursor after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT i.*, count(n.id) AS affected, bool_and(n.notified_at <= i.notify_by) AS kept
                        FROM incident i JOIN incident_notice n ON n.incident_id = i.id
                        WHERE CAST(:afterAt AS timestamptz) IS NULL OR (i.recorded_at, i.id) < (:afterAt, :afterId)
                        GROUP BY i.id
                        ORDER BY i.recorded_at DESC, i.id DESC
                        LIMIT :limit
                        """)
                .bind("limit", Pages.fetchSize(limit));
        return after(spec, after)
                .map((row, meta) -> new SummaryRow(incident(row), row.get("affected", Long.class).intValue(),
                        row.get("kept", Boolean.class)))
                .all();
    }

    /** A page of one company's notices, newest first. */
    Flux<CompanyNoticeRow> noticesOf(UUID companyId, PageCursor after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT i.*, n.id AS notice_id, n.notified_at
                        FROM incident_notice n JOIN incident i ON i.id = n.incident_id
                        WHERE n.company_id = :company
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (n.notified_at, n.id) < (:afterAt, :afterId))
                        ORDER BY n.notified_at DESC, n.id DESC
                        LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("limit", Pages.fetchSize(limit));
        return after(spec, after).map((row, meta) -> companyNotice(row)).all();
    }

    /** The company's notice of this incident; empty if the incident did not affect the company. */
    Mono<CompanyNoticeRow> noticeOf(UUID companyId, UUID incidentId) {
        return db.sql("""
                        SELECT i.*, n.id AS notice_id, n.notified_at
                        FROM incident_notice n JOIN incident i ON i.id = n.incident_id
                        WHERE n.company_id = :company AND n.incident_id = :incident
                        """)
                .bind("company", companyId)
                .bind("incident", incidentId)
                .map((row, meta) -> companyNotice(row))
                .one();
    }

    private static DatabaseClient.GenericExecuteSpec after(DatabaseClient.GenericExecuteSpec spec, PageCursor after) {
        return after == null
                ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
    }

    private static CompanyNoticeRow companyNotice(Readable row) {
        return new CompanyNoticeRow(row.get("notice_id", UUID.class), row.get("notified_at", Instant.class), incident(row));
    }

    private static IncidentRow incident(Readable row) {
        return new IncidentRow(
                row.get("id", UUID.class),
                row.get("title", String.class),
                row.get("description", String.class),
                IncidentSeverity.fromValue(row.get("severity", String.class)),
                IncidentStatus.fromValue(row.get("status", String.class)),
                row.get("detected_at", Instant.class),
                row.get("notify_by", Instant.class),
                row.get("recorded_at", Instant.class),
                row.get("recorded_by", UUID.class),
                row.get("resolved_at", Instant.class),
                row.get("resolution", String.class));
    }

    /** An incident as an operator reports it. */
    record NewIncident(String title, String description, IncidentSeverity severity, Instant detectedAt) {
    }

    record IncidentRow(UUID id, String title, String description, IncidentSeverity severity, IncidentStatus status,
                       Instant detectedAt, Instant notifyBy, Instant recordedAt, UUID recordedBy, Instant resolvedAt,
                       String resolution) {
    }

    record NoticeRow(UUID id, UUID companyId, String companyCode, String companyName, Instant notifiedAt,
                     int recipients) {
    }

    record UpdateRow(UUID id, Instant postedAt, String text) {
    }

    record SummaryRow(IncidentRow incident, int affected, boolean kept) {
    }

    record CompanyNoticeRow(UUID noticeId, Instant notifiedAt, IncidentRow incident) {
    }
}
