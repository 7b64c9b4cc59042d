package jp.btob.platform.sso.saml;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an accepted response asserts about its subject.
 *
 * @param id           the assertion's ID, accepted once only
 * @param issuer       the IdP's entity ID
 * @param nameId       the subject's NameID
 * @param loginId      the user's login ID: the configured attribute, or the NameID
 * @param inResponseTo the ID of the platform's request it answers; null when unsolicited
 * @param expiresAt    when the assertion stops being acceptable anyway, the end of its one-time record
 * @param attributes   the asserted attributes by name
 */
record SamlAssertion(String id, String issuer, String nameId, String loginId, String inResponseTo,
                            Instant expiresAt, Map<String, List<String>> attributes) {

    SamlAssertion {
        attributes = Map.copyOf(attributes);
    }

    /** The first value of an attribute, or null. */
    String attribute(String name) {
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
