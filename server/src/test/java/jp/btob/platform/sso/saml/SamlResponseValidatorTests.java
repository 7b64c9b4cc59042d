package jp.btob.platform.sso.saml;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;

import jp.btob.platform.support.SamlIdp;
import jp.btob.platform.support.SamlResponseBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamlResponseValidatorTests {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private static final SamlIdp IDP = SamlIdp.create();

    private static final SamlIdp ATTACKER = SamlIdp.create();

    private static final ServiceProvider SP = new ServiceProvider("https://btob.example/api/v1/sso/saml/companies/c1/metadata",
            "https://btob.example/api/v1/sso/saml/p1/acs");

    private static final TrustedIdp TRUSTED = new TrustedIdp(IDP.entityId(), List.of(IDP.certificate()), false, null);

    private final SamlResponseValidator validator = new SamlResponseValidator(Duration.ofMinutes(2));

    private static SamlResponseBuilder response() {
        return IDP.response(SP.entityId(), SP.acsUrl()).inResponseTo("_request1");
    }

    private SamlAssertion validate(String encoded) {
        return validator.validate(encoded, TRUSTED, SP, Instant.now());
    }

    private void assertRefused(String encoded, String reason) {
        assertThatThrownBy(() -> validate(encoded)).isInstanceOf(SamlRefusal.class)
                .extracting(refusal -> ((SamlRefusal) refusal).reason()).isEqualTo(reason);
    }

    @Test
    @DisplayName("[SEC-SSO] accepts a response whose assertion is signed by the configured certificate, and reads its subject")
    void acceptsSignedAssertion() {
        SamlResponseBuilder response = response().nameId("alice").attribute("email", "alice@example.com");

        SamlAssertion assertion = validate(response.encoded());

        assertThat(assertion.loginId()).isEqualTo("alice");
        assertThat(assertion.nameId()).isEqualTo("alice");
        assertThat(assertion.id()).isEqualTo(response.assertionId());
        assertThat(assertion.inResponseTo()).isEqualTo("_request1");
        assertThat(assertion.issuer()).isEqualTo(IDP.entityId());
        assertThat(assertion.attribute("email")).isEqualTo("alice@example.com");
        assertThat(assertion.expiresAt()).isAfter(Instant.now());
    }

    @Test
    @DisplayName("[SEC-SSO] accepts a response signed on the Response only, and on both")
    void acceptsSignedResponse() {
        assertThat(validate(response().signed(true, false).encoded()).loginId()).isEqualTo("user@example.com");
        assertThat(validate(response().signed(true, true).encoded()).loginId()).isEqualTo("user@example.com");
    }

    @Test
    @DisplayName("[SEC-SSO] takes the login ID from the configured attribute when there is one, never the NameID")
    void loginAttribute() {
        TrustedIdp byAttribute = new TrustedIdp(IDP.entityId(), List.of(IDP.certificate()), false, "loginId");

        assertThat(validator.validate(response().nameId("opaque-1").attribute("loginId", "bob").encoded(), byAttribute, SP,
                Instant.now()).loginId()).isEqualTo("bob");
        assertThatThrownBy(() -> validator.validate(response().nameId("bob").encoded(), byAttribute, SP, Instant.now()))
                .isInstanceOf(SamlRefusal.class).hasFieldOrPropertyWithValue("reason", "login-attribute");
    }

    @Test
    @DisplayName("[SEC-SSO] accepts a certificate rollover: any of the configured certificates may sign")
    void rollover() {
        TrustedIdp both = new TrustedIdp(IDP.entityId(), List.of(ATTACKER.certificate(), IDP.certificate()), false, null);

        assertThat(validator.validate(response().encoded(), both, SP, Instant.now()).loginId()).isEqualTo("user@example.com");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses an unsigned response")
    void unsigned() {
        assertRefused(response().signed(false, false).encoded(), "unsigned");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses a response signed by another key, even with its certificate in KeyInfo")
    void otherKey() {
        assertRefused(response().signedBy(ATTACKER).encoded(), "signature");
        assertRefused(response().signedBy(ATTACKER).signed(true, false).encoded(), "signature");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses a signature over content changed after signing")
    void tampered() {
        Document document = response().nameId("alice").document();
        document.getElementsByTagNameNS(SamlResponseBuilder.ASSERTION, "NameID").item(0).setTextContent("admin");

        assertRefused(SamlResponseBuilder.encode(document), "signature");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses SHA-1 signatures and digests (CRYPTREC)")
    void sha1() {
        assertRefused(response().algorithms(SignatureMethod.RSA_SHA1, DigestMethod.SHA256).encoded(), "signature-algorithm");
        assertRefused(response().algorithms(SignatureMethod.RSA_SHA256, DigestMethod.SHA1).encoded(), "signature-algorithm");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses an expired assertion, beyond the allowed clock skew")
    void expired() {
        Instant now = Instant.now();
        assertRefused(response().validity(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(3))).encoded(),
                "expired");
        assertThat(validate(response().validity(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(1)))
                .encoded()).loginId()).isEqualTo("user@example.com");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses an assertion whose NotBefore is in the future, beyond the allowed clock skew")
    void notYetValid() {
        Instant now = Instant.now();
        assertRefused(response().validity(now.plus(Duration.ofMinutes(3)), now.plus(Duration.ofMinutes(10))).encoded(),
                "not-yet-valid");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses an assertion meant for another service provider")
    void audience() {
        assertRefused(response().audience("https://other-sp.example/metadata").encoded(), "audience");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses a subject confirmation for another recipient")
    void recipient() {
        assertRefused(response().recipient("https://btob.example/api/v1/sso/saml/p2/acs").encoded(), "recipient");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses a response sent to another destination, and a signed Response without one")
    void destination() {
        assertRefused(response().destination("https://evil.example/acs").encoded(), "destination");
        assertRefused(response().destination(null).signed(true, false).encoded(), "destination");
        assertThat(validate(response().destination(null).encoded()).loginId()).isEqualTo("user@example.com");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses an assertion from another issuer, even signed by the configured key")
    void issuer() {
        assertRefused(response().issuer("https://other-idp.example").encoded(), "issuer");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses a response whose status is not Success")
    void status() {
        assertRefused(response().status("urn:oasis:names:tc:SAML:2.0:status:Responder").encoded(), "status");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses an unsolicited response unless the provider allows them")
    void unsolicited() {
        String unsolicited = response().inResponseTo(null).encoded();
        assertRefused(unsolicited, "unsolicited");

        TrustedIdp allowing = new TrustedIdp(IDP.entityId(), List.of(IDP.certificate()), true, null);
        SamlAssertion accepted = validator.validate(unsolicited, allowing, SP, Instant.now());
        assertThat(accepted.inResponseTo()).isNull();
    }

    @Test
    @DisplayName("[SEC-SSO] signature wrapping: a second, unsigned assertion beside or before the signed one is refused")
    void wrappingSecondAssertion() {
        for (boolean before : List.of(true, false)) {
            Document document = response().nameId("alice").document();
            Element response = document.getDocumentElement();
            Element signed = assertionOf(document);
            Element evil = evilAssertion(response);
            response.insertBefore(evil, before ? signed : signed.getNextSibling());

            assertRefused(SamlResponseBuilder.encode(document), "assertion-count");
        }
    }

    @Test
    @DisplayName("[SEC-SSO] signature wrapping: the signed assertion moved into Extensions or a signature's Object, an evil one in its place, is refused")
    void wrappingMovedAssertion() {
        for (boolean signedResponse : List.of(true, false)) {
            Document document = response().nameId("alice").signed(signedResponse, true).document();
            Element response = document.getDocumentElement();
            Element signed = assertionOf(document);
            response.replaceChild(evilAssertion(response), signed);
            Element extensions = document.createElementNS(SamlResponseBuilder.PROTOCOL, "samlp:Extensions");
            extensions.appendChild(signed);
            response.insertBefore(extensions, response.getFirstChild().getNextSibling());

            assertRefused(SamlResponseBuilder.encode(document), "assertion-count");
        }
        Document document = response().nameId("alice").signed(true, true).document();
        Element response = document.getDocumentElement();
        Element signed = assertionOf(document);
        response.replaceChild(evilAssertion(response), signed);
        Element object = document.createElementNS(DSIG, "ds:Object");
        object.appendChild(signed);
        SamlResponseBuilder.child(response, DSIG, "Signature").appendChild(object);

        assertRefused(SamlResponseBuilder.encode(document), "assertion-count");
    }

    @Test
    @DisplayName("[SEC-SSO] signature wrapping: an evil assertion carrying the signed one's ID and signature is refused")
    void wrappingSameId() {
        Document document = response().nameId("alice").document();
        Element response = document.getDocumentElement();
        Element signed = assertionOf(document);
        Element evil = evilAssertion(response);
        evil.setAttributeNS(null, "ID", signed.getAttributeNS(null, "ID"));
        Element signature = SamlResponseBuilder.child(signed, DSIG, "Signature");
        evil.insertBefore(signature, evil.getFirstChild().getNextSibling());
        response.replaceChild(evil, signed);

        assertRefused(SamlResponseBuilder.encode(document), "signature");
    }

    @Test
    @DisplayName("[SEC-SSO] a comment inside the NameID cannot cut the identity short: the whole signed text is the login ID")
    void commentInNameId() {
        Document document = response().nameId("admin@example.com.evil.example").document();
        Element nameId = (Element) document.getElementsByTagNameNS(SamlResponseBuilder.ASSERTION, "NameID").item(0);
        nameId.setTextContent("admin@example.com");
        nameId.appendChild(document.createComment("x"));
        nameId.appendChild(document.createTextNode(".evil.example"));

        assertThat(validate(SamlResponseBuilder.encode(document)).loginId()).isEqualTo("admin@example.com.evil.example");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses a document type declaration (XXE) before reading anything")
    void doctype() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&x;</samlp:Response>";

        assertRefused(Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)),
                "malformed-xml");
    }

    @Test
    @DisplayName("[SEC-SSO] refuses encrypted assertions with a reason of their own")
    void encrypted() {
        Document document = response().signed(true, false).document();
        Element response = document.getDocumentElement();
        Element assertion = assertionOf(document);
        response.replaceChild(document.createElementNS(SamlResponseBuilder.ASSERTION, "saml:EncryptedAssertion"), assertion);

        assertRefused(SamlResponseBuilder.encode(document), "encrypted-assertion");
    }

    private static Element assertionOf(Document document) {
        return (Element) document.getElementsByTagNameNS(SamlResponseBuilder.ASSERTION, "Assertion").item(0);
    }

    private static Element evilAssertion(Element response) {
        Element holder = response.getOwnerDocument().createElementNS(SamlResponseBuilder.PROTOCOL, "samlp:Holder");
        Element evil = response().nameId("admin").assertionId("_evil").signed(false, false).assertion(holder);
        holder.removeChild(evil);
        return (Element) response.getOwnerDocument().importNode(evil, true);
    }
}
