package jp.btob.platform.sso.saml;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a company configured of its SAML identity provider, as the response checks need it.
 *
 * @param entityId         the IdP's entity ID, the only accepted Issuer
 * @param certificates     the certificates whose keys may sign, more than one during a rollover
 * @param allowUnsolicited whether a response to no request of the platform's (IdP-initiated) is accepted
 * @param loginAttribute   the attribute holding the user's login ID; null takes the NameID
 */
record TrustedIdp(String entityId, List<X509Certificate> certificates, boolean allowUnsolicited,
                         String loginAttribute) {

    TrustedIdp {
        certificates = List.copyOf(certificates);
    }
}
