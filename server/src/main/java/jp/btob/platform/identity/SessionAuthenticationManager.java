package jp.btob.platform.identity;

import java.time.Clock;
import java.time.Instant;

import jp.btob.platform.system.Times;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finds the live session behind a token: one indexed lookup of its SHA-256, no password hashing;
 * a session idle for longer than its company allows is ended and refused.
 */
@Component
class SessionAuthenticationManager implements ReactiveAuthenticationManager {

    private final SessionRepository sessions;

    private final SessionLimits limits;

    private final Clock clock;

    SessionAuthenticationManager(SessionRepository sessions, SessionLimits limits, Clock clock) {
        this.sessions = sessions;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String token = ((SessionTokenAuthentication) authentication).getCredentials();
        Instant now = Times.now(clock);
        return sessions.findLive(SessionTokens.hash(token), now)
                .flatMap(live -> limits.admit(live, now)
                        .map(user -> new SessionAuthentication(user, live.passwordChangeRequired())))
                .<Authentication>map(session -> session)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("No live session for this token")));
    }
}
