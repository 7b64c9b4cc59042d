package jp.btob.platform.sso.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jp.btob.platform.system.xml.SafeXml;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** SAML messages parsed and built with the platform's hardened parser ({@link SafeXml}). */
final class SecureXml {

    private SecureXml() {
    }

    /** The document, or {@link SamlRefusal} when the bytes are not such XML. */
    static Document parse(byte[] xml) {
        try {
            return SafeXml.builder().parse(new ByteArrayInputStream(xml));
        }
        catch (SAXException | IOException ex) {
            throw new SamlRefusal("malformed-xml", "The SAML message is not well-formed XML without a DTD");
        }
    }

    /** A new document to build a message in. */
    static Document newDocument() {
        return SafeXml.builder().newDocument();
    }
}
