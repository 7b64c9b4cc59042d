package jp.btob.platform.workflow;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.api.model.StepMode;
import jp.btob.platform.system.paging.PageCursor;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Approval routes and their steps. A change writes the route's next version with its steps; the
 * steps of earlier versions stay, for the requests filed on them.
 */
@Repository
class WorkflowRouteRepository {

    private final DatabaseClient db;

    WorkflowRouteRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Serialises the creation and change of the company's routes of one subject until the
     * transaction ends, so that two overlapping ranges written at once cannot both pass the check.
     */
    Mono<Void> lock(UUID companyId, ApprovalSubject subject) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .bind("key", "workflow_route:" + companyId + ":" + subject.getValue())
                .fetch().rowsUpdated().then();
    }

    /**
     * Whether a route of the subject in use, other than {@code except}, has a range sharing an
     * amount with {@code min} to {@code max}.
     */
    Mono<Boolean> overlaps(UUID companyId, ApprovalSubject subject, long min, Long max, UUID except) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT EXISTS (SELECT 1 FROM workflow_route
                                       WHERE company_id = :company AND subject = :subject AND retired_at IS NULL
                                         AND id IS DISTINCT FROM CAST(:except AS uuid)
                                         AND (max_amount IS NULL OR max_amount >= :min)
                                         AND (CAST(:max AS bigint) IS NULL OR min_amount <= :max)) AS taken
                        """)
                .bind("company", companyId).bind("subject", subject.getValue()).bind("min", min);
        spec = max == null ? spec.bindNull("max", Long.class) : spec.bind("max", max);
        spec = except == null ? spec.bindNull("except", UUID.class) : spec.bind("except", except);
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

    /** Inserts a route at version 1 and its steps; PostgreSQL draws the ID. */
    Mono<UUID> insert(UUID companyId, RouteDefinition route, UUID createdBy, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO workflow_route (id, company_id, name, subject, min_amount, max_amount, created_by,
                                                    created_at, version)
                        VALUES (gen_random_uuid(), :company, :name, :subject, :min, :max, :createdBy, :now, 1)
                        RETURNING id
                        """)
                .bind("company", companyId).bind("name", route.name()).bind("subject", route.subject().getValue())
                .bind("min", route.min()).bind("now", now);
        spec = route.max() == null ? spec.bindNull("max", Long.class) : spec.bind("max", route.max());
        spec = createdBy == null ? spec.bindNull("createdBy", UUID.class) : spec.bind("createdBy", createdBy);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one()
                .flatMap(id -> insertSteps(id, 1, route.steps()).then(Mono.just(id)));
    }

    /**
     * Writes the route's next version, when it is still at {@code version} and in use; answers
     * whether it was.
     */
    Mono<Boolean> revise(UUID id, int version, RouteDefinition next) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE workflow_route
                        SET name = :name, min_amount = :min, max_amount = :max, version = version + 1
                        WHERE id = :id AND version = :version AND retired_at IS NULL
                        """)
                .bind("id", id).bind("version", version).bind("name", next.name()).bind("min", next.min());
        spec = next.max() == null ? spec.bindNull("max", Long.class) : spec.bind("max", next.max());
        return spec.fetch().rowsUpdated()
                .flatMap(count -> count == 1 ? insertSteps(id, version + 1, next.steps()).thenReturn(true)
                        : Mono.just(false));
    }

    /** Retires the route, when it is still at {@code version} and in use; answers whether it was. */
    Mono<Boolean> retire(UUID id, int version, Instant now) {
        return db.sql("""
                        UPDATE workflow_route SET retired_at = :now, version = version + 1
                        WHERE id = :id AND version = :version AND retired_at IS NULL
                        """)
                .bind("id", id).bind("version", version).bind("now", now)
                .fetch().rowsUpdated().map(count -> count == 1);
    }

    private Mono<Void> insertSteps(UUID routeId, int version, List<RouteStep> steps) {
        return Flux.range(0, steps.size())
                .concatMap(i -> db.sql("""
                                INSERT INTO workflow_step (route_id, version, number, mode, user_ids, role_ids)
                                VALUES (:route, :version, :number, :mode, :users, :roles)
                                """)
                        .bind("route", routeId).bind("version", version).bind("number", (short) (i + 1))
                        .bind("mode", steps.get(i).mode().getValue())
                        .bind("users", steps.get(i).userIds().toArray(UUID[]::new))
                        .bind("roles", steps.get(i).roleIds().toArray(UUID[]::new))
                        .fetch().rowsUpdated())
                .then();
    }

    Mono<WorkflowRouteRow> find(UUID id) {
        return db.sql("SELECT * FROM workflow_route WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> route(row))
                .one()
                .flatMap(this::loaded);
    }

    /**
     * The company's routes, of the subject when given, retired ones only when asked; oldest
     * first, after the cursor.
     */
    Flux<WorkflowRouteRow> list(UUID companyId, ApprovalSubject subject, boolean retired, PageCursor after,
                                int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT * FROM workflow_route
                        WHERE company_id = :company
                          AND (CAST(:subject AS text) IS NULL OR subject = :subject)
                          AND (:retired OR retired_at IS NULL)
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) > (:afterAt, :afterId))
                        ORDER BY created_at, id
                        LIMIT :fetch
                        """)
                .bind("company", companyId).bind("retired", retired).bind("fetch", fetch);
        spec = subject == null ? spec.bindNull("subject", String.class) : spec.bind("subject", subject.getValue());
        spec = after == null ? spec.bindNull("afterAt", Instant.class).bindNull("afterId", UUID.class)
                : spec.bind("afterAt", after.at()).bind("afterId", after.id());
        return spec.map((row, meta) -> route(row)).all().concatMap(this::loaded);
    }

    private Mono<WorkflowRouteRow> loaded(WorkflowRouteRow route) {
        return steps(route.id(), route.version()).collectList().map(route::with);
    }

    /** The company's route in use of the subject whose range contains the amount; their ranges never overlap. */
    Mono<UUID> matching(UUID companyId, ApprovalSubject subject, long amount) {
        return db.sql("""
                        SELECT id FROM workflow_route
                        WHERE company_id = :company AND subject = :subject AND retired_at IS NULL
                          AND min_amount <= :amount AND (max_amount IS NULL OR max_amount >= :amount)
                        """)
                .bind("company", companyId).bind("subject", subject.getValue()).bind("amount", amount)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    /** The steps of one version of the route. */
    Flux<RouteStep> steps(UUID routeId, int version) {
        return db.sql("SELECT * FROM workflow_step WHERE route_id = :route AND version = :version ORDER BY number")
                .bind("route", routeId).bind("version", version)
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
                row.get("version", Integer.class), row.get("created_at", Instant.class),
                row.get("retired_at", Instant.class));
    }
}
