package jp.btob.platform.audit;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The anchors of the audit trail and the removal of the aged events they cover. The database
 * checks every anchor against the chain and refuses to delete an event that no anchor covers
 * (migration {@code V5__audit_retention.sql}).
 */
@Repository
class AuditAnchorRepository {

    private final DatabaseClient db;

    AuditAnchorRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The chains that hold an event older than the cutoff, in the order of their IDs. */
    Flux<UUID> chainsWithEventsBefore(Instant cutoff) {
        return db.sql("""
                        SELECT c.chain FROM audit_chain c
                        WHERE EXISTS (SELECT 1 FROM audit_event e WHERE e.chain = c.chain AND e.occurred_at < :cutoff)
                        ORDER BY c.chain
                        """)
                .bind("cutoff", cutoff)
                .map((row, meta) -> row.get("chain", UUID.class))
                .all();
    }

    /**
     * Makes expiries of one chain take turns until the end of their transactions, so that a
     * second one finds the chain already anchored rather than failing on the anchor's order.
     */
    Mono<Void> lock(UUID chain) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('audit_anchor'), hashtext(CAST(:chain AS text)))")
                .bind("chain", chain)
                .then();
    }

    /**
     * Anchors the chain at the last event of its aged start: the longest run of events after the
     * latest anchor that all occurred before the cutoff. A kept event appended before an aged one
     * (clocks a moment apart, or a transaction that took its turn on the head late) ends the run,
     * so that nothing of a month still kept is removed. Empty when nothing has aged since the
     * latest anchor.
     */
    Mono<AuditAnchorRow> anchor(UUID chain, Instant cutoff, Instant now) {
        return db.sql("""
                        WITH latest AS (
                            SELECT coalesce(max(through_seq), 0) AS seq FROM audit_anchor WHERE chain = :chain
                        ), aged AS (
                            SELECT max(seq) AS seq FROM audit_event WHERE chain = :chain AND occurred_at < :cutoff
                        ), first_kept AS (
                            SELECT min(e.seq) AS seq FROM audit_event e, latest, aged
                            WHERE e.chain = :chain AND e.seq > latest.seq AND e.seq < aged.seq
                              AND e.occurred_at >= :cutoff
                        ), through AS (
                            SELECT e.seq, e.hash FROM audit_event e, latest, aged, first_kept
                            WHERE e.chain = :chain AND e.seq = coalesce(first_kept.seq - 1, aged.seq)
                              AND e.seq > latest.seq
                        )
                        INSERT INTO audit_anchor (chain, through_seq, through_hash, through_time, removed, anchored_at)
                        SELECT :chain, through.seq, through.hash, :cutoff,
                               (SELECT count(*) FROM audit_event WHERE chain = :chain AND seq <= through.seq), :now
                        FROM through
                        RETURNING *
                        """)
                .bind("chain", chain)
                .bind("cutoff", cutoff)
                .bind("now", now)
                .map((row, meta) -> map(row))
                .one();
    }

    /** Deletes the events the anchor covers; answers how many. */
    Mono<Long> removeThrough(AuditAnchorRow anchor) {
        return db.sql("DELETE FROM audit_event WHERE chain = :chain AND seq <= :through")
                .bind("chain", anchor.chain())
                .bind("through", anchor.throughSeq())
                .fetch().rowsUpdated();
    }

    /** The chain's latest anchor; empty while none of its events has expired. */
    Mono<AuditAnchorRow> latest(UUID chain) {
        return db.sql("SELECT * FROM audit_anchor WHERE chain = :chain ORDER BY through_seq DESC LIMIT 1")
                .bind("chain", chain)
                .map((row, meta) -> map(row))
                .one();
    }

    private static AuditAnchorRow map(Readable row) {
        return new AuditAnchorRow(row.get("chain", UUID.class), row.get("through_seq", Long.class),
                row.get("through_hash", byte[].class), row.get("through_time", Instant.class),
                row.get("removed", Long.class), row.get("anchored_at", Instant.class));
    }
}
