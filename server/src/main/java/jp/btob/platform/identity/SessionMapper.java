package jp.btob.platform.identity;

import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.UserSession;
import jp.btob.platform.api.model.UserSessionList;
import jp.btob.platform.identity.SessionRepository.SessionView;
import jp.btob.platform.system.Times;

/** Sessions to the API's models, once. */
final class SessionMapper {

    private SessionMapper() {
    }

    static UserSessionList toList(List<SessionView> sessions, UUID currentSessionId) {
        return new UserSessionList(sessions.stream().map(session -> toModel(session, currentSessionId)).toList());
    }

    private static UserSession toModel(SessionView session, UUID currentSessionId) {
        return new UserSession(session.id(), session.userId(), session.loginId(), Times.utc(session.createdAt()),
                Times.utc(session.lastSeenAt()), Times.utc(session.expiresAt()), session.id().equals(currentSessionId))
                .sourceAddress(session.sourceAddress());
    }
}
