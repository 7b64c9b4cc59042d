package jp.btob.platform.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.system.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Walks every audit chain periodically ({@code btob.audit.chain-check-interval}) and records an
 * {@code audit.chain-broken} event, as the platform, on each chain found broken at a place not
 * reported yet; the alert rules on that action then tell the operators. Several instances may
 * run it at once: the report is decided under the chain's head lock, so one break is reported once.
 */
@Component
public class ChainWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainWatch.class);

    private final AuditRepository events;

    private final AuditService checks;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final AuditProperties properties;

    private final Periodic schedule = new Periodic();

    ChainWatch(AuditRepository events, AuditService checks, AuditLog audit, TransactionalOperator tx,
               AuditProperties properties) {
        this.events = events;
        this.checks = checks;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
    }

    /** One walk over every chain; answers how many breaks it newly recorded. */
    public Mono<Long> sweep() {
        return events.chains()
                .concatMap(chain -> checks.check(chain)
                        .filter(ChainCheck::isBroken)
                        .flatMap(check -> report(chain, check.broken())))
                .filter(Boolean::booleanValue)
                .count();
    }

    private Mono<Boolean> report(UUID chain, ChainCheck.Break check) {
        String action = AuditAction.AUDIT_CHAIN_BROKEN.code();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("brokenSeq", check.seq());
        details.put("reason", check.reason().getValue());
        if (check.eventId() != null) {
            details.put("brokenEventId", check.eventId().toString());
        }
        UUID company = AuditRepository.PLATFORM_CHAIN.equals(chain) ? null : chain;
        return events.lockHead(chain)
                .then(events.breakReported(chain, action, check.seq()))
                .flatMap(reported -> reported ? Mono.just(false)
                        : audit.record(new AuditEntry(company, Actor.system(), AuditAction.AUDIT_CHAIN_BROKEN,
                                "audit-chain", chain, AuditOutcome.FAILURE, details)).thenReturn(true))
                .as(tx::transactional)
                .doOnNext(recorded -> {
                    if (recorded) {
                        log.warn("Audit chain {} is broken at seq {} ({})", chain, check.seq(), check.reason());
                    }
                });
    }

    @Override
    public void start() {
        if (!properties.chainCheckInterval().isZero()) {
            schedule.start(properties.chainCheckInterval(), properties.chainCheckInterval(), this::sweep, failure ->
                    log.warn("The audit chain check failed; it runs again in {}", properties.chainCheckInterval(), failure));
        }
    }

    @Override
    public void stop() {
        schedule.stop();
    }

    @Override
    public boolean isRunning() {
        return schedule.running();
    }
}
