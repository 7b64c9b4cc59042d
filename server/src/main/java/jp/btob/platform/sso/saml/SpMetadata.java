package jp.btob.platform.sso.saml;

import java.util.List;

/**
 * The SAML metadata of the platform as a company's service provider, for the company's
 * administrators to register at their IdP: the SP entity ID, assertions wanted signed, and one
 * HTTP-POST assertion consumer service per SAML identity provider of the company.
 */
final class SpMetadata {

    private SpMetadata() {
    }

    static String xml(String entityId, List<String> acsUrls) {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<md:EntityDescriptor xmlns:md=\"").append(Saml.METADATA).append("\" entityID=\"")
                .append(Xml.escape(entityId)).append("\">")
                .append("<md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\"")
                .append(" protocolSupportEnumeration=\"").append(Saml.PROTOCOL).append("\">")
                .append("<md:NameIDFormat>").append(Saml.NAME_ID_UNSPECIFIED).append("</md:NameIDFormat>")
                .append("<md:NameIDFormat>").append(Saml.NAME_ID_EMAIL).append("</md:NameIDFormat>")
                .append("<md:NameIDFormat>").append(Saml.NAME_ID_PERSISTENT).append("</md:NameIDFormat>");
        for (int index = 0; index < acsUrls.size(); index++) {
            xml.append("<md:AssertionConsumerService Binding=\"").append(Saml.POST_BINDING).append("\" Location=\"")
                    .append(Xml.escape(acsUrls.get(index))).append("\" index=\"").append(index).append("\"")
                    .append(index == 0 ? " isDefault=\"true\"" : "").append("/>");
        }
        return xml.append("</md:SPSSODescriptor></md:EntityDescriptor>").toString();
    }
}
