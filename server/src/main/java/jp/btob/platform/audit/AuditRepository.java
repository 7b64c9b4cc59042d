package jp.btob.platform.audit;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.system.paging.SeqCursor;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit trail: appended to, read, never changed. */
@Repository
class AuditRepository {

    /** The chain of events that belong to no company. */
    static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private final DatabaseClient db;

    AuditRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Appends an event in one statement: advancing the chain's head locks it until the
     * transaction ends, so concurrent appends to one chain take turns, each linking to the one
     * before. The hash is computed by PostgreSQL from the head it has just locked.
     */
    Mono<Void> append(AuditFacts facts, String content) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        WITH head AS (
                            INSERT INTO audit_chain AS c (chain, last_seq, last_hash, last_prev_hash)
                            VALUES (:chain, 1, sha256(convert_to(:content, 'UTF8')), NULL)
                            ON CONFLICT (chain) DO UPDATE SET
                                last_seq = c.last_seq + 1,
                                last_prev_hash = c.last_hash,
                                last_hash = sha256(c.last_hash || convert_to(:content, 'UTF8'))
                            RETURNING last_seq, last_prev_hash, last_hash)
                        INSERT INTO audit_event (company_id, seq, occurred_at, actor_type, actor_id, action,
                                                 target_type, target_id, outcome, source_address, trace_id,
                                                 details, content, prev_hash, hash)
                        SELECT :company, head.last_seq, :occurredAt, :actorType, :actorId, :action,
                               :targetType, :targetId, :outcome, :sourceAddress, :traceId,
                               CAST(:details AS jsonb), :content, head.last_prev_hash, head.last_hash
                        FROM head
                        """)
                .bind("chain", facts.companyId() != null ? facts.companyId() : PLATFORM_CHAIN)
                .bind("content", content)
                .bind("occurredAt", facts.occurredAt())
                .bind("actorType", facts.actorType().getValue())
                .bind("action", facts.action())
                .bind("outcome", facts.outcome().getValue());
        spec = nullable(spec, "company", facts.companyId(), UUID.class);
        spec = nullable(spec, "actorId", facts.actorId(), UUID.class);
        spec = nullable(spec, "targetType", facts.targetType(), String.class);
        spec = nullable(spec, "targetId", facts.targetId(), UUID.class);
        spec = nullable(spec, "sourceAddress", facts.sourceAddress(), String.class);
        spec = nullable(spec, "traceId", facts.traceId(), String.class);
        spec = nullable(spec, "details", AuditContent.details(facts.details()), String.class);
        return spec.fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.empty() : Mono.error(new IllegalStateException("Audit event not appended")));
    }

    /** A page of a company's events in chain order, filtered. */
    Flux<AuditEventRow> list(UUID companyId, AuditFilter filter, SeqCursor after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT * FROM audit_event
                        WHERE chain = :company AND company_id = :company AND seq > :afterSeq
                          AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)
                          AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < :to)
                          AND (CAST(:actorId AS uuid) IS NULL OR actor_id = :actorId)
                          AND (CAST(:action AS text) IS NULL OR action = :action)
                          AND (CAST(:outcome AS text) IS NULL OR outcome = :outcome)
                        ORDER BY seq
                        LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("afterSeq", after == null ? 0L : after.seq())
                .bind("limit", Pages.fetchSize(limit));
        spec = nullable(spec, "from", filter.from(), Instant.class);
        spec = nullable(spec, "to", filter.to(), Instant.class);
        spec = nullable(spec, "actorId", filter.actorId(), UUID.class);
        spec = nullable(spec, "action", filter.action(), String.class);
        spec = nullable(spec, "outcome", filter.outcome() == null ? null : filter.outcome().getValue(), String.class);
        return spec.map((row, meta) -> map(row)).all();
    }

    /** The events of a chain after a seq, in order, as stored. */
    Flux<AuditEventRow> chain(UUID chain, long afterSeq) {
        return db.sql("SELECT * FROM audit_event WHERE chain = :chain AND seq > :afterSeq ORDER BY seq")
                .bind("chain", chain)
                .bind("afterSeq", afterSeq)
                .map((row, meta) -> map(row))
                .all();
    }

    /** Every chain that has events. */
    Flux<UUID> chains() {
        return db.sql("SELECT chain FROM audit_chain ORDER BY chain").map((row, meta) -> row.get("chain", UUID.class)).all();
    }

    /** Takes the chain's head lock until the transaction ends, as an append would. */
    Mono<Void> lockHead(UUID chain) {
        return db.sql("SELECT chain FROM audit_chain WHERE chain = :chain FOR UPDATE").bind("chain", chain)
                .fetch().rowsUpdated().then();
    }

    /** Whether a break of the chain at this place has already been recorded on it. */
    Mono<Boolean> breakReported(UUID chain, String action, long seq) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM audit_event
                                       WHERE chain = :chain AND action = :action AND details ->> 'brokenSeq' = :seq)
                               AS reported
                        """)
                .bind("chain", chain)
                .bind("action", action)
                .bind("seq", Long.toString(seq))
                .map((row, meta) -> row.get("reported", Boolean.class))
                .one();
    }

    /** The seq of the chain's first event still kept; empty for a chain with none. */
    Mono<Long> firstSeq(UUID chain) {
        return db.sql("SELECT seq FROM audit_event WHERE chain = :chain ORDER BY seq LIMIT 1")
                .bind("chain", chain)
                .map((row, meta) -> row.get("seq", Long.class))
                .one();
    }

    /** Where the chain's head says it ends; empty for a chain with no events. */
    Mono<Head> head(UUID chain) {
        return db.sql("SELECT last_seq, last_hash FROM audit_chain WHERE chain = :chain")
                .bind("chain", chain)
                .map((row, meta) -> new Head(row.get("last_seq", Long.class), row.get("last_hash", byte[].class)))
                .one();
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                                  T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static AuditEventRow map(Readable row) {
        AuditFacts facts = new AuditFacts(
                row.get("company_id", UUID.class),
                row.get("occurred_at", Instant.class),
                AuditActorType.fromValue(row.get("actor_type", String.class)),
                row.get("actor_id", UUID.class),
                row.get("action", String.class),
                row.get("target_type", String.class),
                row.get("target_id", UUID.class),
                AuditOutcome.fromValue(row.get("outcome", String.class)),
                row.get("source_address", String.class),
                row.get("trace_id", String.class),
                AuditContent.parseDetails(row.get("details", String.class)));
        return new AuditEventRow(row.get("id", UUID.class), row.get("seq", Long.class), facts,
                row.get("content", String.class), row.get("prev_hash", byte[].class), row.get("hash", byte[].class));
    }

    record Head(long lastSeq, byte[] lastHash) {
    }
}
