package jp.btob.platform.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.SessionRepository.EndReason;
import jp.btob.platform.identity.SessionRepository.SessionView;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live sessions as their users and their company's administrators see and end them. Another
 * user's or company's session answers as one that does not exist.
 */
@Service
class SessionService {

    private final SessionRepository sessions;

    private final SecuritySettingsService settings;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    SessionService(SessionRepository sessions, SecuritySettingsService settings, AuditLog audit,
                   TransactionalOperator tx, Clock clock) {
        this.sessions = sessions;
        this.settings = settings;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Flux<SessionView> mine(CurrentUser user) {
        return live(user.userId(), user.companyId());
    }

    Flux<SessionView> ofCompany(Caller admin) {
        return live(null, admin.companyId());
    }

    Mono<Void> endMine(CurrentUser user, UUID sessionId) {
        return end(user, sessionId, user.userId(), null, EndReason.ENDED_BY_USER);
    }

    Mono<Void> endInCompany(Caller admin, UUID sessionId) {
        return end(admin, sessionId, null, admin.companyId(), EndReason.ENDED_BY_ADMIN);
    }

    /** The sessions still usable: an idle one not yet ended by a request is left out. */
    private Flux<SessionView> live(UUID userId, UUID companyId) {
        Instant now = Times.now(clock);
        return settings.forCompany(companyId).flatMapMany(company -> sessions.listLive(userId, companyId, now)
                .filter(session -> !SessionLimits.idle(company.session(), session.lastSeenAt(), now)));
    }

    private Mono<Void> end(Caller caller, UUID sessionId, UUID userId, UUID companyId, EndReason reason) {
        return sessions.endLive(sessionId, userId, companyId, Times.now(clock), reason)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("There is no such session.")))
                .flatMap(owner -> audit.record(new AuditEntry(caller.companyId(), caller.actor(),
                        AuditAction.AUTH_SESSION_END, "session", sessionId, AuditOutcome.SUCCESS,
                        Map.of("userId", owner.toString(), "reason", reason.name()))))
                .as(tx::transactional);
    }
}
