package jp.btob.platform.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.IncidentSeverity;

/**
 * An e-mail about one company's incident notice, to that company's active administrators.
 *
 * @param text       what the mail is about: the incident's description when the notice is
 *                   published, the update's text, or the resolution
 * @param recipients the administrators' addresses, as they are when the mail is queued; may be empty
 */
public record NoticeMail(Kind kind, UUID incidentId, UUID noticeId, UUID companyId, String title,
                         IncidentSeverity severity, Instant detectedAt, String text, List<String> recipients) {

    public NoticeMail {
        recipients = List.copyOf(recipients);
    }

    public enum Kind { PUBLISHED, UPDATED, RESOLVED }
}
