package jp.btob.platform.audit;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.trace.RequestContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records audit events. Compose {@link #record} into the transaction of the change it records
 * ({@code change.then(audit.record(entry)).as(tx::transactional)}), so that the change and its
 * record commit or roll back together. The trace ID and the client's address come from the
 * request the chain serves ({@link RequestContext}); outside a request they are absent.
 * Each {@link AuditListener} is told of the event in the same transaction, after the append:
 * a caller without a transaction of its own gets one for the event and its listeners.
 */
@Service
public class AuditLog {

    private final AuditRepository events;

    private final Clock clock;

    private final ObjectProvider<AuditListener> listeners;

    private final TransactionalOperator tx;

    AuditLog(AuditRepository events, Clock clock, ObjectProvider<AuditListener> listeners, TransactionalOperator tx) {
        this.events = events;
        this.clock = clock;
        this.listeners = listeners;
        this.tx = tx;
    }

    public Mono<Void> record(AuditEntry entry) {
        return RequestContext.current().flatMap(request -> {
            AuditFacts facts = facts(entry, request);
            AuditedEvent appended = new AuditedEvent(facts.companyId(), chainOf(entry), facts.occurredAt(),
                    facts.actorType(), facts.action(), facts.outcome());
            return events.append(facts, AuditContent.render(facts))
                    .then(Flux.fromStream(listeners::orderedStream)
                            .concatMap(listener -> listener.appended(appended))
                            .then());
        }).as(tx::transactional);
    }

    /**
     * Records one event on each of several chains, always in the order of their chain IDs, so
     * that two transactions that append to the same two chains cannot deadlock.
     */
    public Mono<Void> record(List<AuditEntry> entries) {
        return Flux.fromIterable(entries)
                .sort(Comparator.comparing(AuditLog::chainOf))
                .concatMap(this::record)
                .then();
    }

    private AuditFacts facts(AuditEntry entry, Optional<RequestContext> request) {
        Actor actor = entry.actor() != null ? entry.actor() : Actor.system();
        return new AuditFacts(entry.companyId(), Times.now(clock), actor.type(), actor.id(), entry.action().code(),
                entry.targetType(), entry.targetId(), entry.outcome(),
                request.map(RequestContext::sourceAddress).orElse(null),
                request.map(RequestContext::traceId).orElse(null),
                entry.details());
    }

    private static UUID chainOf(AuditEntry entry) {
        return entry.companyId() != null ? entry.companyId() : AuditRepository.PLATFORM_CHAIN;
    }
}
