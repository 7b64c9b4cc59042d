package jp.btob.platform.sso.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * A namespace-aware DOM parser that refuses any document type declaration, so neither external
 * entities (XXE) nor entity expansion (billion laughs) can reach it: SAML never needs a DTD.
 */
final class SecureXml {

    private SecureXml() {
    }

    /** The document, or {@link SamlRefusal} when the bytes are not such XML. */
    static Document parse(byte[] xml) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        }
        catch (SAXException | IOException ex) {
            throw new SamlRefusal("malformed-xml", "The SAML message is not well-formed XML without a DTD");
        }
        catch (ParserConfigurationException ex) {
            throw new IllegalStateException("The JDK's XML parser lacks a security feature", ex);
        }
    }

    /** A new document to build a message in. */
    static Document newDocument() {
        try {
            return factory().newDocumentBuilder().newDocument();
        }
        catch (ParserConfigurationException ex) {
            throw new IllegalStateException("The JDK's XML parser lacks a security feature", ex);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
