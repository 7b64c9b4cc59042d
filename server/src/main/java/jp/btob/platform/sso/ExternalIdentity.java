package jp.btob.platform.sso;

import java.util.Map;

/**
 * Who an identity provider says signed in: its subject, the login ID read from the configured
 * claim or attribute, and what it tells of the person (null where it tells nothing), for
 * provisioning a new user and for the audit trail.
 */
public record ExternalIdentity(String subject, String loginId, String email, String displayName,
                               Map<String, Object> attributes) {

    public ExternalIdentity {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
