package jp.btob.platform.alert;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;

/**
 * A raised alert: what the messages about it say. {@code companyCode} is null for the platform's
 * chain, {@code ruleId} for an operators' rule or a rule since deleted.
 */
record RaisedAlert(UUID id, UUID companyId, String companyCode, UUID ruleId, String ruleName, String action, AuditOutcome outcome,
                   int count, int windowSeconds, Instant raisedAt) {

    /** The administrators' audit list, filtered to the events that raised the alert. */
    String auditPath() {
        return "/api/v1/audit?action=" + action + (outcome == null ? "" : "&outcome=" + outcome.getValue())
                + "&from=" + raisedAt.minusSeconds(windowSeconds);
    }
}
