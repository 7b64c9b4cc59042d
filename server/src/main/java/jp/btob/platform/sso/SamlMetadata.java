package jp.btob.platform.sso;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jp.btob.platform.system.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads what the platform needs from a SAML identity provider's metadata: its entity ID, the
 * single sign-on URL of the HTTP-Redirect binding and its signing certificates. The parser
 * refuses any DOCTYPE, so no external entity or entity expansion is ever read (XXE).
 */
final class SamlMetadata {

    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    private SamlMetadata() {
    }

    /** The provider's details; {@link Invalid} says what is missing or malformed. CPU and parsing: off the event loop. */
    static Parsed parse(byte[] xml) {
        Document document = document(xml);
        Element root = document.getDocumentElement();
        if (!MD.equals(root.getNamespaceURI()) || !"EntityDescriptor".equals(root.getLocalName())) {
            throw new Invalid("The metadata is not a SAML 2.0 EntityDescriptor.");
        }
        String entityId = root.getAttribute("entityID");
        if (entityId.isBlank()) {
            throw new Invalid("The metadata's EntityDescriptor has no entityID.");
        }
        NodeList descriptors = root.getElementsByTagNameNS(MD, "IDPSSODescriptor");
        if (descriptors.getLength() != 1) {
            throw new Invalid("The metadata must describe exactly one identity provider (IDPSSODescriptor).");
        }
        Element idp = (Element) descriptors.item(0);
        String ssoUrl = null;
        NodeList services = idp.getElementsByTagNameNS(MD, "SingleSignOnService");
        for (int i = 0; i < services.getLength() && ssoUrl == null; i++) {
            Element service = (Element) services.item(i);
            if (REDIRECT.equals(service.getAttribute("Binding")) && !service.getAttribute("Location").isBlank()) {
                ssoUrl = service.getAttribute("Location").strip();
            }
        }
        if (ssoUrl == null) {
            throw new Invalid("The metadata has no SingleSignOnService with the HTTP-Redirect binding.");
        }
        List<String> certificates = new ArrayList<>();
        NodeList keys = idp.getElementsByTagNameNS(MD, "KeyDescriptor");
        for (int i = 0; i < keys.getLength(); i++) {
            Element key = (Element) keys.item(i);
            String use = key.getAttribute("use");
            if (!use.isEmpty() && !"signing".equals(use)) {
                continue;
            }
            NodeList values = key.getElementsByTagNameNS(DS, "X509Certificate");
            for (int j = 0; j < values.getLength(); j++) {
                certificates.add(pem(values.item(j).getTextContent()));
            }
        }
        if (certificates.isEmpty()) {
            throw new Invalid("The metadata has no signing certificate (KeyDescriptor with an X509Certificate).");
        }
        return new Parsed(entityId.strip(), ssoUrl, List.copyOf(certificates));
    }

    private static Document document(byte[] xml) {
        try {
            return SafeXml.builder().parse(new ByteArrayInputStream(xml));
        }
        catch (SAXException | IOException ex) {
            throw new Invalid("The metadata is not well-formed XML, or declares a DOCTYPE, which is refused.");
        }
    }

    /** The base64 DER of a metadata certificate as PEM, whitespace removed; checked as X.509 later. */
    private static String pem(String base64) {
        String der = base64.replaceAll("\\s", "");
        try {
            Base64.getDecoder().decode(der);
        }
        catch (IllegalArgumentException ex) {
            throw new Invalid("A certificate in the metadata is not base64.");
        }
        StringBuilder pem = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        for (int i = 0; i < der.length(); i += 64) {
            pem.append(der, i, Math.min(der.length(), i + 64)).append('\n');
        }
        return pem.append("-----END CERTIFICATE-----\n").toString();
    }

    record Parsed(String entityId, String ssoUrl, List<String> certificates) {
    }

    /** Metadata the platform cannot use, and why. */
    static final class Invalid extends RuntimeException {

        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
