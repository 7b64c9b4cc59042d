package jp.btob.platform.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.InvalidCredentialsException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Checks a login ID and password and opens a session. */
@Service
class LoginService {

    private static final String WRONG_CREDENTIALS = "The login ID or the password is wrong.";

    private final UserRepository users;

    private final SessionRepository sessions;

    private final PasswordHasher hasher;

    private final SessionProperties properties;

    private final Clock clock;

    LoginService(UserRepository users, SessionRepository sessions, PasswordHasher hasher,
                 SessionProperties properties, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Answers a new session, or fails with the same problem whether the login ID is unknown,
     * disabled or the password wrong: the answer must not tell which accounts exist.
     */
    Mono<IssuedSession> login(String loginId, String password) {
        return users.findCredentials(loginId)
                .defaultIfEmpty(new UserRepository.Credentials(null, null))
                .flatMap(credentials -> hasher.matches(password, credentials.passwordHash())
                        .filter(Boolean::booleanValue)
                        .switchIfEmpty(Mono.error(() -> new InvalidCredentialsException(WRONG_CREDENTIALS)))
                        .flatMap(ok -> open(credentials.userId())));
    }

    Mono<Void> logout(CurrentUser user) {
        return sessions.end(user.sessionId(), Times.now(clock));
    }

    /** Draws the token from the operating system's random source, which may block, off the event loop. */
    private Mono<IssuedSession> open(UUID userId) {
        return Mono.fromCallable(SessionTokens::newToken)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> {
                    Instant now = Times.now(clock);
                    Instant expiresAt = now.plus(properties.lifetime());
                    return sessions.open(SessionTokens.hash(token), userId, now, expiresAt)
                            .thenReturn(new IssuedSession(token, expiresAt));
                });
    }

    record IssuedSession(String token, Instant expiresAt) {
    }
}
