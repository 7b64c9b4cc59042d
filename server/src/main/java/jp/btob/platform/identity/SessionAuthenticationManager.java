package jp.btob.platform.identity;

import java.time.Clock;

import jp.btob.platform.system.Times;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Finds the live session behind a token: one indexed lookup of its SHA-256, no password hashing. */
@Component
class SessionAuthenticationManager implements ReactiveAuthenticationManager {

    private final SessionRepository sessions;

    private final Clock clock;

    SessionAuthenticationManager(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String token = ((SessionTokenAuthentication) authentication).getCredentials();
        return sessions.findLive(SessionTokens.hash(token), Times.now(clock))
                .<Authentication>map(live -> new SessionAuthentication(live.user(), live.passwordChangeRequired()))
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("No live session for this token")));
    }
}
