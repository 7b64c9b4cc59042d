package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.api.model.StepMode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Approval routes and their steps. A route is written once and never changed. */
@Repository
class WorkflowRouteRepository {

    private final DatabaseClient db;

    WorkflowRouteRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Serialises the creation of the company's routes of one subject until the transaction ends,
     * so that two overlapping ranges created at once cannot both pass the check.
     */
    Mono<Void> lock(UUID companyId, ApprovalSubject subject) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .bind("key", "workflow_route:" + companyId + ":" + subject.getValue())
                .fetch().rowsUpdated().then();
    }

    /** Whether a route of the subject has a range sharing an amount with {@code min} to {@code max}. */
    Mono<Boolean> overlaps(UUID companyId, ApprovalSubject subject, long min, Long max) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT EXISTS (SELECT 1 FROM workflow_route
                                       WHERE company_id = :company AND subject = :subject
                                         AND (max_amount IS NULL OR max_amount >= :min)
                                         AND (CAST(:max AS bigint) IS NULL OR min_amount <= :max)) AS taken
                        """)
                .bind("company", companyId).bind("subject", subject.getValue()).bind("min", min);
        spec = max == null ? spec.bindNull("max", Long.class) : spec.bind("max", max);
        return spec.map((row, meta) -> row.get("taken", Boolean.class)).one();
    }

    /** How many of these users belong to the company. */
    Mono<Long> users(UUID companyId, List<UUID> ids) {
        return db.sql("SELECT count(*) AS n FROM app_user WHERE company_id = :company AND id = ANY(:ids)")
                .bind("company", companyId).bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /** How many of these roles the company may grant: its own and the built-in ones. */
    Mono<Long> roles(UUID companyId, List<UUID> ids) {
        return db.sql("""
                        SELECT count(*) AS n FROM company_role
                        WHERE (company_id = :company OR company_id IS NULL) AND id = ANY(:ids)
                        """)
                .bind("company", companyId).bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    /** Inserts a route and its steps; PostgreSQL draws the ID. */
    Mono<UUID> insert(UUID companyId, String name, ApprovalSubject subject, long min, Long max, List<RouteStep> steps,
                      UUID createdBy, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO workflow_route (id, company_id, name, subject, min_amount, max_amount, created_by,
                                                    created_at)
                        VALUES (gen_random_uuid(), :company, :name, :subject, :min, :max, :createdBy, :now)
                        RETURNING id
                        """)
                .bind("company", companyId).bind("name", name).bind("subject", subject.getValue())
                .bind("min", min).bind("now", now);
        spec = max == null ? spec.bindNull("max", Long.class) : spec.bind("max", max);
        spec = createdBy == null ? spec.bindNull("createdBy", UUID.class) : spec.bind("createdBy", createdBy);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one()
                .flatMap(id -> Flux.range(0, steps.size())
                        .concatMap(i -> db.sql("""
                                        INSERT INTO workflow_step (route_id, number, mode, user_ids, role_ids)
                                        VALUES (:route, :number, :mode, :users, :roles)
                                        """)
                                .bind("route", id).bind("number", (short) (i + 1))
                                .bind("mode", steps.get(i).mode().getValue())
                                .bind("users", steps.get(i).userIds().toArray(UUID[]::new))
                                .bind("roles", steps.get(i).roleIds().toArray(UUID[]::new))
                                .fetch().rowsUpdated())
                        .then(Mono.just(id)));
    }

    Mono<WorkflowRouteRow> find(UUID id) {
        return db.sql("SELECT * FROM workflow_route WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> route(row))
                .one()
                .flatMap(route -> steps(id).collectList().map(steps -> new WorkflowRouteRow(route.id(),
                        route.companyId(), route.name(), route.subject(), route.minAmount(), route.maxAmount(), steps,
                        route.createdAt())));
    }

    /** The company's route of the subject whose range contains the amount; ranges never overlap. */
    Mono<UUID> matching(UUID companyId, ApprovalSubject subject, long amount) {
        return db.sql("""
                        SELECT id FROM workflow_route
                        WHERE company_id = :company AND subject = :subject AND min_amount <= :amount
                          AND (max_amount IS NULL OR max_amount >= :amount)
                        """)
                .bind("company", companyId).bind("subject", subject.getValue()).bind("amount", amount)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    Flux<RouteStep> steps(UUID routeId) {
        return db.sql("SELECT * FROM workflow_step WHERE route_id = :route ORDER BY number")
                .bind("route", routeId)
                .map((row, meta) -> new RouteStep(StepMode.fromValue(row.get("mode", String.class)),
                        ids(row, "user_ids"), ids(row, "role_ids")))
                .all();
    }

    static List<UUID> ids(Readable row, String column) {
        UUID[] ids = row.get(column, UUID[].class);
        return ids == null ? List.of() : Arrays.asList(ids);
    }

    private static WorkflowRouteRow route(Readable row) {
        return new WorkflowRouteRow(row.get("id", UUID.class), row.get("company_id", UUID.class),
                row.get("name", String.class), ApprovalSubject.fromValue(row.get("subject", String.class)),
                row.get("min_amount", Long.class), row.get("max_amount", Long.class), List.of(),
                row.get("created_at", Instant.class));
    }
}
