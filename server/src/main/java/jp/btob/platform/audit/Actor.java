package jp.btob.platform.audit;

import java.util.UUID;

import jp.btob.platform.api.model.AuditActorType;

/** Who did what an audit event records. */
public record Actor(AuditActorType type, UUID id) {

    public static Actor user(UUID userId) {
        return new Actor(AuditActorType.USER, userId);
    }

    /** A platform operator, signed in to the operators' realm. */
    public static Actor operator(UUID operatorId) {
        return new Actor(AuditActorType.OPERATOR, operatorId);
    }

    /** One of a company's API clients, calling with its secret. */
    public static Actor apiClient(UUID clientId) {
        return new Actor(AuditActorType.API_CLIENT, clientId);
    }

    /** A caller not signed in, such as a failed login. */
    public static Actor anonymous() {
        return new Actor(AuditActorType.ANONYMOUS, null);
    }

    public static Actor system() {
        return new Actor(AuditActorType.SYSTEM, null);
    }
}
