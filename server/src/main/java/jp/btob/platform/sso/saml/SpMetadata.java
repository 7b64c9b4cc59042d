package jp.btob.platform.sso.saml;

/**
 * The SAML metadata of the platform as a company's service provider, for the company's
 * administrators to register at their IdP: the company's SP entity ID, assertions wanted signed,
 * and the HTTP-POST assertion consumer service of one of its SAML identity providers.
 */
final class SpMetadata {

    private SpMetadata() {
    }

    static String xml(ServiceProvider sp) {
        return new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<md:EntityDescriptor xmlns:md=\"").append(Saml.METADATA).append("\" entityID=\"")
                .append(Xml.escape(sp.entityId())).append("\">")
                .append("<md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\"")
                .append(" protocolSupportEnumeration=\"").append(Saml.PROTOCOL).append("\">")
                .append("<md:NameIDFormat>").append(Saml.NAME_ID_UNSPECIFIED).append("</md:NameIDFormat>")
                .append("<md:NameIDFormat>").append(Saml.NAME_ID_EMAIL).append("</md:NameIDFormat>")
                .append("<md:NameIDFormat>").append(Saml.NAME_ID_PERSISTENT).append("</md:NameIDFormat>")
                .append("<md:AssertionConsumerService Binding=\"").append(Saml.POST_BINDING).append("\" Location=\"")
                .append(Xml.escape(sp.acsUrl())).append("\" index=\"0\" isDefault=\"true\"/>")
                .append("</md:SPSSODescriptor></md:EntityDescriptor>").toString();
    }
}
