package jp.btob.platform.identity;

import java.time.Clock;
import java.util.UUID;

import jp.btob.platform.identity.SessionRepository.EndReason;
import jp.btob.platform.system.Times;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ends all of a user's sessions for the administration of users: the tokens stop working at
 * once, on every instance, since every request looks its session up. Compose it into the
 * transaction of the change that calls for it.
 */
@Component
public class UserSessions {

    private final SessionRepository sessions;

    private final Clock clock;

    UserSessions(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Ends every live session of the user, for this reason; answers how many ended. */
    public Mono<Long> endAll(UUID userId, Why why) {
        return sessions.endAll(userId, Times.now(clock), why.reason);
    }

    /** Why an administrator's action ended the sessions, as the session records it. */
    public enum Why {
        ENDED_BY_ADMIN(EndReason.ENDED_BY_ADMIN),
        USER_DISABLED(EndReason.USER_DISABLED),
        USER_DELETED(EndReason.USER_DELETED),
        PASSWORD_RESET(EndReason.PASSWORD_RESET);

        private final EndReason reason;

        Why(EndReason reason) {
            this.reason = reason;
        }
    }
}
