package jp.btob.platform.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.system.paging.SeqCursor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A company administrator's view of their own company's audit trail. */
@Service
class AuditService {

    private final AuditRepository events;

    private final AuditAnchorRepository anchors;

    /** One snapshot for the head and the events, so that appends during a check cannot look like tampering. */
    private final TransactionalOperator snapshot;

    AuditService(AuditRepository events, AuditAnchorRepository anchors, ReactiveTransactionManager transactions) {
        this.events = events;
        this.anchors = anchors;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        definition.setReadOnly(true);
        this.snapshot = TransactionalOperator.create(transactions, definition);
    }

    Flux<AuditEventRow> list(Caller user, AuditFilter filter, SeqCursor after, int limit) {
        return events.list(user.companyId(), filter, after, limit);
    }

    /**
     * Up to {@code max + 1} events after the cursor, read a page at a time; the one past
     * {@code max} only tells the caller that another file follows.
     */
    Flux<AuditEventRow> export(Caller user, AuditFilter filter, SeqCursor after, int max) {
        return page(user, filter, after)
                .expand(rows -> rows.size() > Pages.MAX_LIMIT
                        ? page(user, filter, new SeqCursor(rows.get(Pages.MAX_LIMIT - 1).seq()))
                        : Mono.empty())
                .concatMapIterable(rows -> rows.subList(0, Math.min(rows.size(), Pages.MAX_LIMIT)))
                .take(max + 1L);
    }

    private Mono<List<AuditEventRow>> page(Caller user, AuditFilter filter, SeqCursor after) {
        return events.list(user.companyId(), filter, after, Pages.MAX_LIMIT).collectList();
    }

    /** Walks the caller's company's chain. */
    Mono<ChainCheck> verify(Caller user) {
        return check(user.companyId());
    }

    /**
     * Walks one chain against its head; the hashing runs off the event loop, since a chain can be
     * long. Once its oldest months have expired (its first event kept is past seq 1), the walk
     * starts from its latest anchor.
     */
    Mono<ChainCheck> check(UUID chain) {
        return optional(events.head(chain))
                .flatMap(head -> optional(anchors.latest(chain))
                        .flatMap(anchor -> optional(events.firstSeq(chain))
                                .map(first -> anchor.filter(a -> first.isEmpty() || first.get() > 1)))
                        .flatMap(from -> events.chain(chain, from.map(AuditAnchorRow::throughSeq).orElse(0L))
                                .publishOn(Schedulers.boundedElastic())
                                .scan(ChainCheck.from(from.orElse(null)), ChainCheck::next)
                                .takeUntil(ChainCheck::isBroken)
                                .last())
                        .map(check -> check.against(head.orElse(null))))
                .as(snapshot::transactional);
    }

    private static <T> Mono<Optional<T>> optional(Mono<T> value) {
        return value.map(Optional::of).defaultIfEmpty(Optional.empty());
    }
}
