package jp.btob.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.management.PlatformMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The retention period of the audit trail (OPS-AUDIT): removes, per chain, every event of the
 * calendar months (UTC) that ended {@code btob.audit.retention} ago, whole months only. Each
 * chain's expiry is one transaction that records an anchor, deletes the events it covers, then
 * appends an {@code audit.expire} event carrying the anchor, so that the chain verifies from the
 * anchor and the anchor is itself in the chain. Appends to the chain go on meanwhile; they wait
 * only for that last append. Expiries of one chain on several instances take turns.
 */
@Service
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditAnchorRepository anchors;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    private final AuditRetentionProperties properties;

    private final PlatformMetrics metrics;

    AuditRetention(AuditAnchorRepository anchors, AuditLog audit, TransactionalOperator tx, Clock clock,
                   AuditRetentionProperties properties, PlatformMetrics metrics) {
        this.anchors = anchors;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Expires every chain, one transaction each; a chain that fails is logged and left for the
     * next run, so that one cannot hold back the others. Answers how many events were removed.
     */
    Mono<Long> expireAll() {
        return Mono.defer(() -> {
            Instant cutoff = properties.cutoff(clock.instant());
            return anchors.chainsWithEventsBefore(cutoff)
                    .collectList()
                    .flatMapIterable(chains -> chains)
                    .concatMap(chain -> expire(chain, cutoff).onErrorResume(failure -> {
                        log.error("Audit events of chain {} before {} were not expired; the next run tries again",
                                chain, cutoff, failure);
                        return Mono.just(0L);
                    }))
                    .reduce(0L, Long::sum)
                    .doOnNext(removed -> {
                        if (removed > 0) {
                            log.info("Audit retention removed {} events that occurred before {}", removed, cutoff);
                        }
                    });
        });
    }

    /** Expires one chain; answers how many events were removed, 0 when none had aged. */
    Mono<Long> expire(UUID chain) {
        return Mono.defer(() -> expire(chain, properties.cutoff(clock.instant())));
    }

    private Mono<Long> expire(UUID chain, Instant cutoff) {
        return anchors.lock(chain)
                .then(Mono.defer(() -> anchors.anchor(chain, cutoff, Times.now(clock))))
                .flatMap(anchor -> anchors.removeThrough(anchor)
                        .flatMap(removed -> removed == anchor.removed()
                                ? audit.record(recordOf(anchor)).thenReturn(removed)
                                : Mono.error(new IllegalStateException("The anchor of chain " + chain + " covers "
                                        + anchor.removed() + " events but " + removed + " were deleted"))))
                .as(tx::transactional)
                .doOnNext(metrics::auditEventsExpired)
                .defaultIfEmpty(0L);
    }

    private static AuditEntry recordOf(AuditAnchorRow anchor) {
        UUID companyId = AuditRepository.PLATFORM_CHAIN.equals(anchor.chain()) ? null : anchor.chain();
        return new AuditEntry(companyId, Actor.system(), AuditAction.AUDIT_EXPIRE, "audit-anchor", null,
                AuditOutcome.SUCCESS, anchor.details());
    }
}
