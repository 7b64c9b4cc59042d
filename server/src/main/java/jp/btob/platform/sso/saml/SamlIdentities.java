package jp.btob.platform.sso.saml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.sso.ExternalIdentity;

/**
 * The person an accepted assertion names, as the shared sign-in step takes it. E-mail address
 * and display name are read from the attribute names the common IdPs use (plain, Entra ID /
 * AD FS claim URIs, LDAP OIDs); they only fill in a user provisioned just in time.
 */
final class SamlIdentities {

    private static final List<String> EMAIL = List.of("email", "mail", "emailAddress",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3");

    private static final List<String> DISPLAY_NAME = List.of("displayName", "name",
            "http://schemas.microsoft.com/identity/claims/displayname", "urn:oid:2.16.840.1.113730.3.1.241");

    private SamlIdentities() {
    }

    static ExternalIdentity of(SamlAssertion assertion) {
        Map<String, Object> attributes = new LinkedHashMap<>(assertion.attributes());
        attributes.put("issuer", assertion.issuer());
        return new ExternalIdentity(assertion.nameId(), assertion.loginId(), first(assertion, EMAIL),
                first(assertion, DISPLAY_NAME), attributes);
    }

    private static String first(SamlAssertion assertion, List<String> names) {
        return names.stream().map(assertion::attribute).filter(value -> value != null && !value.isBlank())
                .findFirst().orElse(null);
    }
}
