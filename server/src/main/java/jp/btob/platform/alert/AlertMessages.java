package jp.btob.platform.alert;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * What an alert says, by e-mail and by webhook: the rule, the action, how many events within
 * which window, the company, the time, and where in the audit trail to look. Nothing else:
 * no event details, so no password, token, secret or document can ever be in it.
 */
final class AlertMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AlertMessages() {
    }

    static String subject(RaisedAlert alert) {
        return "[BtoB Platform] Security alert: " + alert.ruleName()
                + (alert.companyCode() == null ? "" : " (" + alert.companyCode() + ")");
    }

    static String text(RaisedAlert alert) {
        return "A security alert was raised.\n\n"
                + "Rule:       " + alert.ruleName() + "\n"
                + "Action:     " + alert.action() + (alert.outcome() == null ? "" : " (" + alert.outcome().getValue() + ")") + "\n"
                + "Events:     " + alert.count() + " within " + alert.windowSeconds() + " seconds\n"
                + "Company:    " + (alert.companyCode() == null ? "(platform)" : alert.companyCode()) + "\n"
                + "Raised at:  " + alert.raisedAt() + " (UTC)\n"
                + "Audit trail: " + alert.auditPath() + "\n\n"
                + "Alert ID: " + alert.id() + "\n";
    }

    /** The webhook body, written once: the bytes signed are the bytes sent. */
    static String json(RaisedAlert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ruleName", alert.ruleName());
        body.put("action", alert.action());
        if (alert.outcome() != null) {
            body.put("outcome", alert.outcome().getValue());
        }
        body.put("count", alert.count());
        body.put("windowSeconds", alert.windowSeconds());
        if (alert.companyCode() != null) {
            body.put("companyCode", alert.companyCode());
        }
        body.put("raisedAt", alert.raisedAt().toString());
        body.put("auditPath", alert.auditPath());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", alert.id().toString());
        envelope.put("type", "alert.raised");
        envelope.put("createdAt", alert.raisedAt().toString());
        envelope.put("alert", body);
        return JSON.writeValueAsString(envelope);
    }
}
