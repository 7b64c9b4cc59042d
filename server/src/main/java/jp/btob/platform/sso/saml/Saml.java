package jp.btob.platform.sso.saml;

/** The names SAML 2.0 messages are made of. */
final class Saml {

    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";

    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

    static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";

    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

    static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    static final String POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

    static final String NAME_ID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

    static final String NAME_ID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

    static final String NAME_ID_PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

    private Saml() {
    }
}
