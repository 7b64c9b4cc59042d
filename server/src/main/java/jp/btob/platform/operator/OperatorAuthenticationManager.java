package jp.btob.platform.operator;

import java.time.Clock;

import jp.btob.platform.identity.SessionTokens;
import jp.btob.platform.system.Times;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * Finds the live operator session behind a token, among operator sessions only. Not a bean:
 * Spring Security takes a lone authentication manager bean as its default, which must stay the
 * company users' one.
 */
class OperatorAuthenticationManager implements ReactiveAuthenticationManager {

    private final OperatorSessionRepository sessions;

    private final Clock clock;

    OperatorAuthenticationManager(OperatorSessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String token = (String) authentication.getCredentials();
        return sessions.findLive(SessionTokens.hash(token), Times.now(clock))
                .<Authentication>map(OperatorAuthentication::new)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("No live operator session for this token")));
    }
}
