package jp.btob.platform.sso.saml;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Accepts a SAML response of the Web Browser SSO profile only when every check holds: a
 * successful status; a signature on the Response or its Assertion by a configured certificate;
 * exactly one assertion, the signed one or inside the signed Response (so no wrapped, unsigned
 * assertion is ever read); issuer, audience, recipient, destination and validity times; and an
 * answer to a request unless the IdP may send unsolicited ones. The one-time use of the request
 * and of the assertion is checked afterwards, in the database. CPU work: call it off the event loop.
 */
final class SamlResponseValidator {

    private final Duration skew;

    SamlResponseValidator(Duration skew) {
        this.skew = skew;
    }

    /** Checks the base64 {@code SAMLResponse} of the HTTP-POST binding; throws {@link SamlRefusal}. */
    SamlAssertion validate(String samlResponse, TrustedIdp idp, ServiceProvider sp, Instant now) {
        Element response = parse(samlResponse);
        Element assertion = soleAssertion(response);
        boolean responseSigned = EnvelopedSignature.verify(response, idp.certificates());
        boolean assertionSigned = EnvelopedSignature.verify(assertion, idp.certificates());
        if (!responseSigned && !assertionSigned) {
            throw new SamlRefusal("unsigned", "Neither the Response nor its Assertion is signed");
        }
        checkResponse(response, idp, sp, responseSigned);
        Element subject = Dom.required(assertion, Saml.ASSERTION, "Subject");
        String inResponseTo = checkConfirmation(subject, Dom.attribute(response, "InResponseTo"), sp, now);
        if (inResponseTo == null && !idp.allowUnsolicited()) {
            throw new SamlRefusal("unsolicited", "The response answers no request and this IdP may not send unsolicited ones");
        }
        Instant conditionsEnd = checkConditions(Dom.required(assertion, Saml.ASSERTION, "Conditions"), sp, now);
        if (!issuer(assertion).equals(idp.entityId())) {
            throw new SamlRefusal("issuer", "The assertion's issuer is not the configured IdP");
        }
        if (Dom.children(assertion, Saml.ASSERTION, "AuthnStatement").isEmpty()) {
            throw new SamlRefusal("malformed", "The assertion has no AuthnStatement");
        }
        String nameId = nameId(subject);
        Map<String, List<String>> attributes = attributes(assertion);
        String loginId = loginId(idp.loginAttribute(), nameId, attributes);
        Instant expiresAt = conditionsEnd.plus(skew);
        return new SamlAssertion(assertion.getAttributeNS(null, "ID"), idp.entityId(), nameId, loginId,
                inResponseTo, expiresAt, attributes);
    }

    private static Element parse(String samlResponse) {
        byte[] xml;
        try {
            xml = Base64.getMimeDecoder().decode(Objects.requireNonNullElse(samlResponse, ""));
        }
        catch (IllegalArgumentException ex) {
            throw new SamlRefusal("malformed", "SAMLResponse is not base64");
        }
        Document document = SecureXml.parse(xml);
        Element response = document.getDocumentElement();
        if (!Saml.PROTOCOL.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
            throw new SamlRefusal("malformed", "The message is not a SAML Response");
        }
        return response;
    }

    /**
     * The one assertion, a child of the Response. A second assertion anywhere in the document,
     * signed or not, is how signature wrapping smuggles an identity in: refused outright.
     */
    private static Element soleAssertion(Element response) {
        Document document = response.getOwnerDocument();
        if (document.getElementsByTagNameNS(Saml.ASSERTION, "EncryptedAssertion").getLength() > 0) {
            throw new SamlRefusal("encrypted-assertion", "Encrypted assertions are not supported");
        }
        NodeList assertions = document.getElementsByTagNameNS(Saml.ASSERTION, "Assertion");
        if (assertions.getLength() != 1 || assertions.item(0).getParentNode() != response) {
            throw new SamlRefusal("assertion-count", "The response must hold exactly one assertion, as a child of the Response");
        }
        Element assertion = (Element) assertions.item(0);
        NodeList signatures = document.getElementsByTagNameNS(Saml.DSIG, "Signature");
        for (int i = 0; i < signatures.getLength(); i++) {
            if (signatures.item(i).getParentNode() != response && signatures.item(i).getParentNode() != assertion) {
                throw new SamlRefusal("signature-placement", "A signature sits outside the Response and its Assertion");
            }
        }
        String responseId = response.getAttributeNS(null, "ID");
        String assertionId = assertion.getAttributeNS(null, "ID");
        if (responseId.isBlank() || assertionId.isBlank() || responseId.equals(assertionId)) {
            throw new SamlRefusal("malformed", "The Response and its Assertion need IDs of their own");
        }
        return assertion;
    }

    private static void checkResponse(Element response, TrustedIdp idp, ServiceProvider sp, boolean signed) {
        Element status = Dom.required(Dom.required(response, Saml.PROTOCOL, "Status"), Saml.PROTOCOL, "StatusCode");
        if (!Saml.SUCCESS.equals(Dom.attribute(status, "Value"))) {
            throw new SamlRefusal("status", "The IdP answered " + Dom.attribute(status, "Value"));
        }
        String destination = Dom.attribute(response, "Destination");
        if (destination == null ? signed : !destination.equals(sp.acsUrl())) {
            throw new SamlRefusal("destination", "The response's Destination is not this provider's ACS URL");
        }
        if (Dom.child(response, Saml.ASSERTION, "Issuer").isPresent() && !issuer(response).equals(idp.entityId())) {
            throw new SamlRefusal("issuer", "The response's issuer is not the configured IdP");
        }
    }

    /**
     * Finds the bearer confirmation for this ACS URL and checks its times; answers the request
     * it answers (the Response's and the confirmation's InResponseTo must agree), or null.
     */
    private String checkConfirmation(Element subject, String responseInResponseTo, ServiceProvider sp, Instant now) {
        Element data = null;
        for (Element confirmation : Dom.children(subject, Saml.ASSERTION, "SubjectConfirmation")) {
            if (Saml.BEARER.equals(Dom.attribute(confirmation, "Method"))) {
                Element candidate = Dom.child(confirmation, Saml.ASSERTION, "SubjectConfirmationData").orElse(null);
                if (candidate != null && sp.acsUrl().equals(Dom.attribute(candidate, "Recipient"))) {
                    data = candidate;
                    break;
                }
            }
        }
        if (data == null) {
            throw new SamlRefusal("recipient", "No bearer confirmation names this provider's ACS URL as Recipient");
        }
        Instant notOnOrAfter = instant(data, "NotOnOrAfter");
        if (notOnOrAfter == null || !now.isBefore(notOnOrAfter.plus(skew))) {
            throw new SamlRefusal("expired", "The subject confirmation has expired or has no end");
        }
        Instant notBefore = instant(data, "NotBefore");
        if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
            throw new SamlRefusal("not-yet-valid", "The subject confirmation is not valid yet");
        }
        String inResponseTo = Dom.attribute(data, "InResponseTo");
        if (inResponseTo != null && responseInResponseTo != null && !inResponseTo.equals(responseInResponseTo)) {
            throw new SamlRefusal("in-response-to", "The Response and its confirmation answer different requests");
        }
        return inResponseTo != null ? inResponseTo : responseInResponseTo;
    }

    /** Checks the validity window and the audience; answers the end of the window. */
    private Instant checkConditions(Element conditions, ServiceProvider sp, Instant now) {
        Instant notBefore = instant(conditions, "NotBefore");
        if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
            throw new SamlRefusal("not-yet-valid", "The assertion is not valid yet");
        }
        Instant notOnOrAfter = instant(conditions, "NotOnOrAfter");
        if (notOnOrAfter == null || !now.isBefore(notOnOrAfter.plus(skew))) {
            throw new SamlRefusal("expired", "The assertion has expired or has no end");
        }
        List<Element> restrictions = Dom.children(conditions, Saml.ASSERTION, "AudienceRestriction");
        if (restrictions.isEmpty()) {
            throw new SamlRefusal("audience", "The assertion is restricted to no audience");
        }
        for (Element restriction : restrictions) {
            boolean named = Dom.children(restriction, Saml.ASSERTION, "Audience").stream()
                    .anyMatch(audience -> Dom.text(audience).equals(sp.entityId()));
            if (!named) {
                throw new SamlRefusal("audience", "The assertion is meant for another service provider");
            }
        }
        return notOnOrAfter;
    }

    private static String issuer(Element element) {
        return Dom.text(Dom.required(element, Saml.ASSERTION, "Issuer"));
    }

    private static String nameId(Element subject) {
        if (Dom.child(subject, Saml.ASSERTION, "EncryptedID").isPresent()) {
            throw new SamlRefusal("encrypted-assertion", "Encrypted NameIDs are not supported");
        }
        String nameId = Dom.text(Dom.required(subject, Saml.ASSERTION, "NameID"));
        if (nameId.isEmpty()) {
            throw new SamlRefusal("malformed", "The NameID is empty");
        }
        return nameId;
    }

    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Element statement : Dom.children(assertion, Saml.ASSERTION, "AttributeStatement")) {
            if (!Dom.children(statement, Saml.ASSERTION, "EncryptedAttribute").isEmpty()) {
                throw new SamlRefusal("encrypted-assertion", "Encrypted attributes are not supported");
            }
            for (Element attribute : Dom.children(statement, Saml.ASSERTION, "Attribute")) {
                List<String> values = attributes.computeIfAbsent(attribute.getAttributeNS(null, "Name"),
                        name -> new ArrayList<>());
                Dom.children(attribute, Saml.ASSERTION, "AttributeValue").forEach(value -> values.add(Dom.text(value)));
            }
        }
        attributes.replaceAll((name, values) -> List.copyOf(values));
        return attributes;
    }

    private static String loginId(String loginAttribute, String nameId, Map<String, List<String>> attributes) {
        if (loginAttribute == null) {
            return nameId;
        }
        List<String> values = attributes.getOrDefault(loginAttribute, List.of());
        if (values.size() != 1 || values.get(0).isEmpty()) {
            throw new SamlRefusal("login-attribute", "The assertion does not carry exactly one " + loginAttribute);
        }
        return values.get(0);
    }

    private static Instant instant(Element element, String attribute) {
        String value = Dom.attribute(element, attribute);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new SamlRefusal("malformed", attribute + " is not a UTC date and time");
        }
    }
}
