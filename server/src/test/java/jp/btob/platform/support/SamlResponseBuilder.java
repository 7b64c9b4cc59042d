package jp.btob.platform.support;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A SAML response as an IdP sends it, each field open to change so that a test can build the
 * response an attacker would: wrong audience, expired, unsigned, signed with another key or
 * with SHA-1, and, through {@link #document()}, rearranged after signing (signature wrapping).
 */
public final class SamlResponseBuilder {

    public static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";

    public static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private SamlIdp signer;

    private String issuer;

    private String audience;

    private String recipient;

    private String destination;

    private String inResponseTo;

    private String nameId = "user@example.com";

    private final List<String[]> attributes = new ArrayList<>();

    private String status = "urn:oasis:names:tc:SAML:2.0:status:Success";

    private String assertionId = "_" + UUID.randomUUID();

    private Instant notBefore = Instant.now().minus(Duration.ofMinutes(1));

    private Instant notOnOrAfter = Instant.now().plus(Duration.ofMinutes(5));

    private boolean signResponse;

    private boolean signAssertion = true;

    private String signatureMethod;

    private String digestMethod = DigestMethod.SHA256;

    SamlResponseBuilder(SamlIdp idp, String spEntityId, String acsUrl, String signatureMethod) {
        this.signer = idp;
        this.issuer = idp.entityId();
        this.audience = spEntityId;
        this.recipient = acsUrl;
        this.destination = acsUrl;
        this.signatureMethod = signatureMethod;
    }

    public SamlResponseBuilder issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public SamlResponseBuilder audience(String audience) {
        this.audience = audience;
        return this;
    }

    public SamlResponseBuilder recipient(String recipient) {
        this.recipient = recipient;
        return this;
    }

    /** The Response's Destination; null leaves it out. */
    public SamlResponseBuilder destination(String destination) {
        this.destination = destination;
        return this;
    }

    /** The request answered; null makes the response unsolicited. */
    public SamlResponseBuilder inResponseTo(String inResponseTo) {
        this.inResponseTo = inResponseTo;
        return this;
    }

    public SamlResponseBuilder nameId(String nameId) {
        this.nameId = nameId;
        return this;
    }

    public SamlResponseBuilder attribute(String name, String value) {
        attributes.add(new String[] {name, value});
        return this;
    }

    public SamlResponseBuilder status(String status) {
        this.status = status;
        return this;
    }

    public SamlResponseBuilder assertionId(String assertionId) {
        this.assertionId = assertionId;
        return this;
    }

    /** The validity window of the assertion and its subject confirmation. */
    public SamlResponseBuilder validity(Instant notBefore, Instant notOnOrAfter) {
        this.notBefore = notBefore;
        this.notOnOrAfter = notOnOrAfter;
        return this;
    }

    /** Which of the Response and its Assertion carry a signature. */
    public SamlResponseBuilder signed(boolean response, boolean assertion) {
        this.signResponse = response;
        this.signAssertion = assertion;
        return this;
    }

    /** Signs with another IdP's key (and shows its certificate in KeyInfo). */
    public SamlResponseBuilder signedBy(SamlIdp other) {
        this.signer = other;
        return this;
    }

    public SamlResponseBuilder algorithms(String signatureMethod, String digestMethod) {
        this.signatureMethod = signatureMethod;
        this.digestMethod = digestMethod;
        return this;
    }

    public String assertionId() {
        return assertionId;
    }

    /** The base64 {@code SAMLResponse} form value. */
    public String encoded() {
        return encode(document());
    }

    /** The signed response, to rearrange before {@link #encode}. */
    public Document document() {
        Document document = newDocument();
        Element response = document.createElementNS(PROTOCOL, "samlp:Response");
        document.appendChild(response);
        response.setAttributeNS(XMLNS, "xmlns:samlp", PROTOCOL);
        response.setAttributeNS(XMLNS, "xmlns:saml", ASSERTION);
        response.setAttributeNS(null, "ID", "_" + UUID.randomUUID());
        response.setAttributeNS(null, "Version", "2.0");
        response.setAttributeNS(null, "IssueInstant", time(Instant.now()));
        if (destination != null) {
            response.setAttributeNS(null, "Destination", destination);
        }
        if (inResponseTo != null) {
            response.setAttributeNS(null, "InResponseTo", inResponseTo);
        }
        text(response, ASSERTION, "saml:Issuer", issuer);
        Element statusCode = element(element(response, PROTOCOL, "samlp:Status"), PROTOCOL, "samlp:StatusCode");
        statusCode.setAttributeNS(null, "Value", status);
        Element assertion = assertion(response);
        if (signAssertion) {
            sign(assertion);
        }
        if (signResponse) {
            sign(response);
        }
        return document;
    }

    public Element assertion(Element parent) {
        Element assertion = element(parent, ASSERTION, "saml:Assertion");
        assertion.setAttributeNS(null, "ID", assertionId);
        assertion.setAttributeNS(null, "Version", "2.0");
        assertion.setAttributeNS(null, "IssueInstant", time(Instant.now()));
        text(assertion, ASSERTION, "saml:Issuer", issuer);
        Element subject = element(assertion, ASSERTION, "saml:Subject");
        text(subject, ASSERTION, "saml:NameID", nameId)
                .setAttributeNS(null, "Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
        Element confirmation = element(subject, ASSERTION, "saml:SubjectConfirmation");
        confirmation.setAttributeNS(null, "Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
        Element data = element(confirmation, ASSERTION, "saml:SubjectConfirmationData");
        data.setAttributeNS(null, "Recipient", recipient);
        data.setAttributeNS(null, "NotOnOrAfter", time(notOnOrAfter));
        if (inResponseTo != null) {
            data.setAttributeNS(null, "InResponseTo", inResponseTo);
        }
        Element conditions = element(assertion, ASSERTION, "saml:Conditions");
        conditions.setAttributeNS(null, "NotBefore", time(notBefore));
        conditions.setAttributeNS(null, "NotOnOrAfter", time(notOnOrAfter));
        text(element(conditions, ASSERTION, "saml:AudienceRestriction"), ASSERTION, "saml:Audience", audience);
        Element authn = element(assertion, ASSERTION, "saml:AuthnStatement");
        authn.setAttributeNS(null, "AuthnInstant", time(Instant.now()));
        text(element(authn, ASSERTION, "saml:AuthnContext"), ASSERTION, "saml:AuthnContextClassRef",
                "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
        if (!attributes.isEmpty()) {
            Element statement = element(assertion, ASSERTION, "saml:AttributeStatement");
            for (String[] attribute : attributes) {
                Element named = element(statement, ASSERTION, "saml:Attribute");
                named.setAttributeNS(null, "Name", attribute[0]);
                text(named, ASSERTION, "saml:AttributeValue", attribute[1]);
            }
        }
        return assertion;
    }

    /** Signs the element with an enveloped signature placed after its Issuer, as SAML's schema puts it. */
    private void sign(Element element) {
        try {
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            Reference reference = factory.newReference("#" + element.getAttributeNS(null, "ID"),
                    factory.newDigestMethod(digestMethod, null),
                    List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(signatureMethod, null), List.of(reference));
            KeyInfoFactory keyInfo = factory.getKeyInfoFactory();
            DOMSignContext context = new DOMSignContext(signer.keys().getPrivate(), element,
                    element.getFirstChild().getNextSibling());
            context.setIdAttributeNS(element, null, "ID");
            context.setDefaultNamespacePrefix("ds");
            factory.newXMLSignature(signedInfo,
                    keyInfo.newKeyInfo(List.of(keyInfo.newX509Data(List.of(signer.certificate()))))).sign(context);
        }
        catch (GeneralSecurityException | MarshalException | XMLSignatureException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The base64 form value of a response document. */
    public static String encode(Document document) {
        try {
            StringWriter xml = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(xml));
            return Base64.getEncoder().encodeToString(xml.toString().getBytes(StandardCharsets.UTF_8));
        }
        catch (TransformerException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        }
        catch (ParserConfigurationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The first child element of that name. */
    public static Element child(Element parent, String namespace, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        throw new IllegalArgumentException(parent.getLocalName() + " has no " + localName);
    }

    private static Element element(Element parent, String namespace, String name) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, name);
        parent.appendChild(child);
        return child;
    }

    private static Element text(Element parent, String namespace, String name, String value) {
        Element child = element(parent, namespace, name);
        child.setTextContent(value);
        return child;
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
