package jp.btob.platform.incident;

import java.util.EnumSet;
import java.util.Set;

import jp.btob.platform.api.model.IncidentStatus;
import jp.btob.platform.audit.AuditAction;

/** What operators do to a recorded incident, in which states, and what each is audited as. */
enum IncidentAction {

    /** Companies found to be affected later are still owed their notice, resolved or not. */
    ADD_COMPANIES("add affected companies to", AuditAction.INCIDENT_ADD_COMPANIES,
            EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RESOLVED)),
    UPDATE("post an update to", AuditAction.INCIDENT_UPDATE, EnumSet.of(IncidentStatus.OPEN)),
    /** OPEN to RESOLVED, the one change of state. */
    RESOLVE("resolve", AuditAction.INCIDENT_RESOLVE, EnumSet.of(IncidentStatus.OPEN));

    private final String verb;

    private final AuditAction audited;

    private final Set<IncidentStatus> allowedFrom;

    IncidentAction(String verb, AuditAction audited, Set<IncidentStatus> allowedFrom) {
        this.verb = verb;
        this.audited = audited;
        this.allowedFrom = allowedFrom;
    }

    boolean allowedFrom(IncidentStatus status) {
        return allowedFrom.contains(status);
    }

    String verb() {
        return verb;
    }

    AuditAction audited() {
        return audited;
    }
}
