package jp.btob.platform.sso.saml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading SAML's DOM by direct children only, never by a search of the whole document. */
final class Dom {

    private Dom() {
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The one child of that name; more than one is refused, as a schema-valid message never has them. */
    static Optional<Element> child(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        if (found.size() > 1) {
            throw new SamlRefusal("malformed", parent.getLocalName() + " has more than one " + localName);
        }
        return found.stream().findFirst();
    }

    static Element required(Element parent, String namespace, String localName) {
        return child(parent, namespace, localName).orElseThrow(() -> new SamlRefusal("malformed",
                parent.getLocalName() + " lacks its " + localName));
    }

    /** The attribute's value, or null when the element has none. */
    static String attribute(Element element, String name) {
        return element.hasAttributeNS(null, name) ? element.getAttributeNS(null, name) : null;
    }

    /** The element's text, comments left out exactly as exclusive canonicalisation leaves them out of the digest. */
    static String text(Element element) {
        return element.getTextContent().strip();
    }
}
