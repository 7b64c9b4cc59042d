package jp.btob.platform.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.settings.SecuritySettings;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.settings.SessionPolicy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How long a session lives, from the company's settings under the platform's ceiling: its
 * absolute lifetime, fixed at login, and the idle timeout, judged at each use against the
 * settings in force then.
 */
@Component
class SessionLimits {

    /**
     * Use is written down at most this often, so a busy session costs no write per request; a
     * session may therefore be judged idle up to this much sooner than its last request says.
     */
    static final Duration LAST_SEEN_PRECISION = Duration.ofSeconds(30);

    private final SecuritySettingsService settings;

    private final SessionProperties properties;

    private final SessionRepository sessions;

    SessionLimits(SecuritySettingsService settings, SessionProperties properties, SessionRepository sessions) {
        this.settings = settings;
        this.properties = properties;
        this.sessions = sessions;
    }

    /** The company's absolute lifetime, never longer than the platform's {@code btob.session.lifetime}. */
    Mono<Duration> lifetime(UUID companyId) {
        return settings.forCompany(companyId).map(this::lifetime);
    }

    /** The absolute lifetime under the company's settings in force, already read. */
    Duration lifetime(SecuritySettings company) {
        Duration own = Duration.ofMinutes(company.session().absoluteLifetimeMinutes());
        return own.compareTo(properties.lifetime()) < 0 ? own : properties.lifetime();
    }

    /**
     * The session's user, or empty, the session ended, when it has been idle too long by the
     * policy its company saved (read with the session), under the current floor.
     */
    Mono<CurrentUser> admit(SessionRepository.LiveSession live, Instant now) {
        CurrentUser user = live.user();
        if (idle(settings.sessionInForce(live.savedPolicy()), live.lastSeenAt(), now)) {
            return sessions.end(user.sessionId(), now, SessionRepository.EndReason.IDLE).then(Mono.empty());
        }
        Mono<Void> touch = live.lastSeenAt().plus(LAST_SEEN_PRECISION).isAfter(now)
                ? Mono.empty() : sessions.touch(user.sessionId(), now);
        return touch.thenReturn(user);
    }

    static boolean idle(SessionPolicy policy, Instant lastSeenAt, Instant now) {
        return policy.idleTimeoutEnabled()
                && now.isAfter(lastSeenAt.plus(Duration.ofMinutes(policy.idleTimeoutMinutes())));
    }
}
