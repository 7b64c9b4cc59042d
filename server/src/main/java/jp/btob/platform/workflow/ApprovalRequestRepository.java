package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.ApprovalDecisionKind;
import jp.btob.platform.api.model.ApprovalStatus;
import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.system.paging.PageCursor;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Approval requests and their decisions. A change to a request is one statement conditional on
 * the version it starts from; a decision is written once per user and step.
 */
@Repository
class ApprovalRequestRepository {

    private final DatabaseClient db;

    ApprovalRequestRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a request at its first step; PostgreSQL draws the ID. */
    Mono<UUID> insert(UUID companyId, UUID routeId, ApprovalSubject subject, Target target, String title, String body,
                      UUID applicantId, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO workflow_request (id, company_id, route_id, route_version, subject, document_id,
                                                      document_revision, payload, title, amount, body, applicant_id,
                                                      status, current_step, round, version, created_at, updated_at)
                        VALUES (gen_random_uuid(), :company, :route,
                                (SELECT version FROM workflow_route WHERE id = :route), :subject, :document,
                                :revision, CAST(:payload AS jsonb), :title, :amount, :body, :applicant, 'IN_PROGRESS',
                                1, 1, 1, :now, :now)
                        RETURNING id
                        """)
                .bind("company", companyId).bind("route", routeId).bind("subject", subject.getValue())
                .bind("amount", target.amount()).bind("applicant", applicantId).bind("now", now);
        spec = target.documentId() == null ? spec.bindNull("document", UUID.class)
                : spec.bind("document", target.documentId());
        spec = target.revision() == null ? spec.bindNull("revision", Integer.class)
                : spec.bind("revision", target.revision());
        spec = target.order() == null ? spec.bindNull("payload", String.class)
                : spec.bind("payload", OrderPayload.json(target.order()));
        spec = title == null ? spec.bindNull("title", String.class) : spec.bind("title", title);
        spec = body == null ? spec.bindNull("body", String.class) : spec.bind("body", body);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one();
    }

    /** Names the order an approved {@code order-placement} request placed. */
    Mono<Void> placed(UUID id, UUID orderId) {
        return db.sql("UPDATE workflow_request SET document_id = :order WHERE id = :id AND document_id IS NULL")
                .bind("id", id).bind("order", orderId)
                .fetch().rowsUpdated().then();
    }

    /** The request as stored, without its steps and decisions. */
    Mono<ApprovalRequestRow> find(UUID id) {
        return db.sql("SELECT * FROM workflow_request WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> request(row))
                .one();
    }

    Flux<Decision> decisions(UUID requestId) {
        return db.sql("SELECT * FROM workflow_decision WHERE request_id = :request ORDER BY decided_at, round, step, user_id")
                .bind("request", requestId)
                .map((row, meta) -> new Decision(row.get("round", Integer.class), row.get("step", Short.class),
                        row.get("user_id", UUID.class), row.get("on_behalf_of", UUID.class),
                        ApprovalDecisionKind.fromValue(row.get("decision", String.class)),
                        WorkflowRouteRepository.ids(row, "roles"), row.get("reason", String.class),
                        row.get("decided_at", Instant.class)))
                .all();
    }

    /**
     * Moves a request still {@code from} at this version to its next state, step ({@code step}
     * null unless in progress) and round; answers whether it was still so.
     */
    Mono<Boolean> move(UUID id, int version, ApprovalStatus from, ApprovalStatus status, Integer step, int round,
                       Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE workflow_request
                        SET status = :status, current_step = :step, round = :round, version = version + 1,
                            updated_at = :now
                        WHERE id = :id AND version = :version AND status = :from
                        """)
                .bind("id", id).bind("version", version).bind("from", from.getValue())
                .bind("status", status.getValue()).bind("round", round).bind("now", now);
        spec = step == null ? spec.bindNull("step", Short.class) : spec.bind("step", step.shortValue());
        return spec.fetch().rowsUpdated().map(count -> count == 1);
    }

    Mono<Void> decide(UUID requestId, Decision taken) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO workflow_decision (request_id, round, step, user_id, on_behalf_of, decision, roles,
                                                       reason, decided_at)
                        VALUES (:request, :round, :step, :user, :onBehalfOf, :decision, :roles, :reason, :now)
                        """)
                .bind("request", requestId).bind("round", taken.round()).bind("step", (short) taken.step())
                .bind("user", taken.userId()).bind("decision", taken.decision().getValue())
                .bind("roles", taken.roles().toArray(UUID[]::new)).bind("now", taken.decidedAt());
        spec = taken.onBehalfOf() == null ? spec.bindNull("onBehalfOf", UUID.class)
                : spec.bind("onBehalfOf", taken.onBehalfOf());
        spec = taken.reason() == null ? spec.bindNull("reason", String.class) : spec.bind("reason", taken.reason());
        return spec.fetch().rowsUpdated().then();
    }

    /** Which of these roles the user holds. */
    Flux<UUID> heldRoles(UUID userId, List<UUID> roleIds) {
        return db.sql("SELECT role_id FROM user_role WHERE user_id = :user AND role_id = ANY(:roles)")
                .bind("user", userId).bind("roles", roleIds.toArray(UUID[]::new))
                .map((row, meta) -> row.get("role_id", UUID.class))
                .all();
    }

    /** Whether a request for the document is {@code APPROVED}. */
    Mono<Boolean> approved(UUID companyId, UUID documentId) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM workflow_request
                                       WHERE company_id = :company AND document_id = :document
                                         AND status = 'APPROVED') AS approved
                        """)
                .bind("company", companyId).bind("document", documentId)
                .map((row, meta) -> row.get("approved", Boolean.class))
                .one();
    }

    /** Whether a request for the contract's revision is {@code APPROVED}. */
    Mono<Boolean> approved(UUID companyId, UUID contractId, int revision) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM workflow_request
                                       WHERE company_id = :company AND document_id = :document
                                         AND document_revision = :revision AND status = 'APPROVED') AS approved
                        """)
                .bind("company", companyId).bind("document", contractId).bind("revision", revision)
                .map((row, meta) -> row.get("approved", Boolean.class))
                .one();
    }

    /**
     * The company's requests in progress, which the user did not file and has not decided, whose
     * current step waits for the user or for a delegator whose delegation to the user is in
     * force at {@code now}: it names them or a role they hold, they did not file the request, and
     * it was not decided by or for them. Oldest first.
     */
    Flux<ApprovalRequestRow> inbox(UUID companyId, UUID userId, Instant now, PageCursor after, int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT r.* FROM workflow_request r
                        JOIN workflow_step s ON s.route_id = r.route_id AND s.version = r.route_version
                                            AND s.number = r.current_step
                        WHERE r.company_id = :company AND r.status = 'IN_PROGRESS' AND r.applicant_id <> :user
                          AND NOT EXISTS (SELECT 1 FROM workflow_decision d
                                          WHERE d.request_id = r.id AND d.round = r.round
                                            AND d.step = r.current_step AND d.user_id = :user)
                          AND EXISTS (SELECT 1 FROM (SELECT CAST(:user AS uuid) AS id
                                                     UNION ALL
                                                     SELECT g.delegator_id FROM workflow_delegation g
                                                     WHERE g.company_id = :company AND g.delegate_id = :user
                                                       AND g.revoked_at IS NULL AND g.starts_at <= :now
                                                       AND g.ends_at > :now) a
                                      WHERE a.id <> r.applicant_id
                                        AND (a.id = ANY(s.user_ids)
                                             OR s.role_ids && ARRAY(SELECT role_id FROM user_role
                                                                    WHERE user_id = a.id))
                                        AND NOT EXISTS (SELECT 1 FROM workflow_decision d
                                                        WHERE d.request_id = r.id AND d.round = r.round
                                                          AND d.step = r.current_step
                                                          AND (d.user_id = a.id OR d.on_behalf_of = a.id)))
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (r.created_at, r.id) > (:afterAt, :afterId))
                        ORDER BY r.created_at, r.id
                        LIMIT :fetch
                        """)
                .bind("company", companyId).bind("user", userId).bind("now", now).bind("fetch", fetch);
        spec = after == null ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map((row, meta) -> request(row)).all();
    }

    /**
     * The requests the user filed in the company, of the status and subject when given; newest
     * first, after the cursor.
     */
    Flux<ApprovalRequestRow> filedBy(UUID companyId, UUID userId, ApprovalStatus status, ApprovalSubject subject,
                                     PageCursor after, int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT * FROM workflow_request
                        WHERE company_id = :company AND applicant_id = :user
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:subject AS text) IS NULL OR subject = :subject)
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (:afterAt, :afterId))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :fetch
                        """)
                .bind("company", companyId).bind("user", userId).bind("fetch", fetch);
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status.getValue());
        spec = subject == null ? spec.bindNull("subject", String.class) : spec.bind("subject", subject.getValue());
        spec = after == null ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map((row, meta) -> request(row)).all();
    }

    private static ApprovalRequestRow request(Readable row) {
        Short step = row.get("current_step", Short.class);
        String payload = row.get("payload", String.class);
        return new ApprovalRequestRow(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("route_id", UUID.class), row.get("route_version", Integer.class),
                ApprovalSubject.fromValue(row.get("subject", String.class)),
                row.get("document_id", UUID.class), row.get("document_revision", Integer.class),
                payload == null ? null : OrderPayload.parse(payload), row.get("title", String.class),
                row.get("amount", Long.class),
                row.get("body", String.class), row.get("applicant_id", UUID.class),
                ApprovalStatus.fromValue(row.get("status", String.class)), step == null ? null : step.intValue(),
                row.get("round", Integer.class), row.get("version", Integer.class), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class), List.of(), List.of());
    }
}
