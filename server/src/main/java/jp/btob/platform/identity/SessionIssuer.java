package jp.btob.platform.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.settings.SecuritySettings;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.trace.RequestContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Opens a company user's session, whatever proved who they are (a password, a second factor, an
 * identity provider), and audits it as {@code auth.login}: one place decides the lifetime and
 * the source address of every session.
 */
@Component
public class SessionIssuer {

    private final SessionRepository sessions;

    private final SessionLimits limits;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    SessionIssuer(SessionRepository sessions, SessionLimits limits, AuditLog audit, TransactionalOperator tx,
                  Clock clock) {
        this.sessions = sessions;
        this.limits = limits;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Opens a session for the company's absolute lifetime, keeping the client's address, audited
     * with {@code details}; {@code changeRequired} opens one that may only change the password.
     * Draws the token from the operating system's random source, which may block, off the event
     * loop.
     */
    public Mono<IssuedSession> open(UUID userId, UUID companyId, boolean changeRequired, Map<String, Object> details) {
        return limits.lifetime(companyId).flatMap(lifetime -> open(userId, changeRequired, details, lifetime));
    }

    /** As {@link #open(UUID, UUID, boolean, Map)}, under the company's settings the login has already read. */
    public Mono<IssuedSession> open(UUID userId, SecuritySettings company, boolean changeRequired,
                                    Map<String, Object> details) {
        return open(userId, changeRequired, details, limits.lifetime(company));
    }

    private Mono<IssuedSession> open(UUID userId, boolean changeRequired, Map<String, Object> details, Duration lifetime) {
        Mono<String> address = RequestContext.current()
                .map(request -> request.map(RequestContext::sourceAddress).map(SessionIssuer::clip).orElse(""));
        return Mono.zip(Mono.fromCallable(SessionTokens::newToken).subscribeOn(Schedulers.boundedElastic()), address)
                .flatMap(opening -> {
                    String token = opening.getT1();
                    Instant now = Times.now(clock);
                    Instant expiresAt = now.plus(lifetime);
                    String source = opening.getT2().isEmpty() ? null : opening.getT2();
                    return sessions.open(SessionTokens.hash(token), userId, now, expiresAt, changeRequired, source)
                            .flatMap(session -> audit.record(new AuditEntry(session.companyId(), Actor.user(userId),
                                    AuditAction.LOGIN, "session", session.sessionId(), AuditOutcome.SUCCESS,
                                    details == null || details.isEmpty() ? null : details)))
                            .as(tx::transactional)
                            .thenReturn(new IssuedSession(token, expiresAt, changeRequired));
                });
    }

    private static String clip(String address) {
        return address.length() <= 64 ? address : address.substring(0, 64);
    }
}
