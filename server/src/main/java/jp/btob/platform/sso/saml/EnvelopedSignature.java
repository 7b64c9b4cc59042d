package jp.btob.platform.sso.saml;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;

import org.w3c.dom.Element;

/**
 * Checks the enveloped XML signature of one element, the only form SAML uses: the signature is a
 * child of the element it signs, with one reference to that element's {@code ID}, the
 * enveloped-signature and exclusive canonicalisation transforms only, and algorithms CRYPTREC
 * recommends (no SHA-1). The key is one of the certificates the company configured; a
 * certificate or key the document carries in its KeyInfo is never believed.
 */
final class EnvelopedSignature {

    private static final Set<String> SIGNATURE_METHODS = Set.of(SignatureMethod.RSA_SHA256, SignatureMethod.RSA_SHA384,
            SignatureMethod.RSA_SHA512, SignatureMethod.ECDSA_SHA256, SignatureMethod.ECDSA_SHA384,
            SignatureMethod.ECDSA_SHA512);

    private static final Set<String> DIGEST_METHODS = Set.of(DigestMethod.SHA256, DigestMethod.SHA384, DigestMethod.SHA512);

    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE);

    private static final XMLSignatureFactory FACTORY = XMLSignatureFactory.getInstance("DOM");

    private EnvelopedSignature() {
    }

    /**
     * Whether the element carries a signature: false when it has none, true when its signature
     * verifies with one of the certificates; a signature that breaks a rule or verifies with
     * none of them is refused, never skipped.
     */
    static boolean verify(Element signed, List<X509Certificate> certificates) {
        List<Element> signatures = Dom.children(signed, Saml.DSIG, "Signature");
        if (signatures.isEmpty()) {
            return false;
        }
        if (signatures.size() > 1) {
            throw new SamlRefusal("signature", "An element carries more than one signature");
        }
        checkForm(signatures.get(0), signed.getAttributeNS(null, "ID"));
        for (X509Certificate certificate : certificates) {
            if (verifies(signed, signatures.get(0), certificate)) {
                return true;
            }
        }
        throw new SamlRefusal("signature", "The signature of " + signed.getLocalName()
                + " does not verify with any configured certificate");
    }

    private static boolean verifies(Element signed, Element signature, X509Certificate certificate) {
        DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signature);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        context.setIdAttributeNS(signed, null, "ID");
        try {
            XMLSignature xmlSignature = FACTORY.unmarshalXMLSignature(context);
            return xmlSignature.validate(context);
        }
        catch (MarshalException | XMLSignatureException ex) {
            throw new SamlRefusal("signature", "The signature of " + signed.getLocalName() + " cannot be checked: "
                    + ex.getMessage());
        }
    }

    /**
     * Checks the signature's form on its DOM before the JDK reads it, so that a refused algorithm
     * is named as such rather than as a failure of the JDK's own secure validation.
     */
    private static void checkForm(Element signature, String id) {
        Element signedInfo = Dom.required(signature, Saml.DSIG, "SignedInfo");
        accepted(Dom.required(signedInfo, Saml.DSIG, "CanonicalizationMethod"), Set.of(CanonicalizationMethod.EXCLUSIVE));
        accepted(Dom.required(signedInfo, Saml.DSIG, "SignatureMethod"), SIGNATURE_METHODS);
        List<Element> references = Dom.children(signedInfo, Saml.DSIG, "Reference");
        if (references.size() != 1) {
            throw new SamlRefusal("signature-reference", "A signature must have exactly one reference");
        }
        Element reference = references.get(0);
        if (id.isEmpty() || !("#" + id).equals(Dom.attribute(reference, "URI"))) {
            throw new SamlRefusal("signature-reference", "The signature does not refer to the element it is in");
        }
        accepted(Dom.required(reference, Saml.DSIG, "DigestMethod"), DIGEST_METHODS);
        List<Element> transforms = Dom.child(reference, Saml.DSIG, "Transforms")
                .map(all -> Dom.children(all, Saml.DSIG, "Transform")).orElse(List.of());
        transforms.forEach(transform -> accepted(transform, TRANSFORMS));
        boolean enveloped = transforms.stream().anyMatch(transform -> Transform.ENVELOPED.equals(Dom.attribute(transform, "Algorithm")));
        if (!enveloped || transforms.size() > 2) {
            throw new SamlRefusal("signature-algorithm", "The signature is not an enveloped signature");
        }
    }

    private static void accepted(Element method, Set<String> algorithms) {
        String algorithm = Dom.attribute(method, "Algorithm");
        if (!algorithms.contains(algorithm)) {
            throw new SamlRefusal("signature-algorithm", method.getLocalName() + " " + algorithm + " is not accepted");
        }
    }
}
