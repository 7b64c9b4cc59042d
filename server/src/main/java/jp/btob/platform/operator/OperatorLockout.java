package jp.btob.platform.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.management.PlatformMetrics;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The operators' lockout (OPS-PRIV, SEC-LOCK): wrong passwords and wrong codes count alike, so that
 * knowing the password buys no unlimited guesses at the code. The failure that reaches the limit
 * locks the operator and audits {@code auth.lockout} on the platform's chain, which alerts the
 * operators; only a whole login, its code accepted, clears the count.
 */
@Component
class OperatorLockout {

    private final OperatorRepository operators;

    private final OperatorProperties properties;

    private final AuditLog audit;

    private final PlatformMetrics metrics;

    private final TransactionalOperator tx;

    private final Clock clock;

    OperatorLockout(OperatorRepository operators, OperatorProperties properties, AuditLog audit,
                    PlatformMetrics metrics, TransactionalOperator tx, Clock clock) {
        this.operators = operators;
        this.properties = properties;
        this.audit = audit;
        this.metrics = metrics;
        this.tx = tx;
        this.clock = clock;
    }

    /** Counts one failure of the operator; a failure while locked is not counted. */
    Mono<Void> countFailure(UUID operatorId) {
        Instant now = Times.now(clock);
        return operators.countFailure(operatorId, properties.lockout(), now)
                .filter(OperatorRepository.Count::locked)
                .flatMap(count -> audit.record(new AuditEntry(null, Actor.system(), AuditAction.AUTH_LOCKOUT, "operator",
                                operatorId, AuditOutcome.SUCCESS, Map.of("failures", count.failures(),
                                        "lockedUntil", Times.utc(count.lockedUntil()).toString())))
                        .doOnSuccess(recorded -> metrics.lockedOut()))
                .as(tx::transactional)
                .then();
    }
}
