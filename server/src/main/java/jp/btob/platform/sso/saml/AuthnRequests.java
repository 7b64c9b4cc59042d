package jp.btob.platform.sso.saml;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * AuthnRequests for the HTTP-Redirect binding: the XML, raw-deflated, base64 and URL-encoded
 * into the IdP's SSO URL. Requests are not signed: the IdP answers only to the ACS URL it has
 * registered for the SP, and the answer is bound to the request by its ID.
 */
final class AuthnRequests {

    private AuthnRequests() {
    }

    static String xml(String id, Instant issueInstant, String idpSsoUrl, ServiceProvider sp) {
        return "<samlp:AuthnRequest xmlns:samlp=\"" + Saml.PROTOCOL + "\" xmlns:saml=\"" + Saml.ASSERTION + "\""
                + " ID=\"" + Xml.escape(id) + "\" Version=\"2.0\""
                + " IssueInstant=\"" + issueInstant.truncatedTo(ChronoUnit.SECONDS) + "\""
                + " Destination=\"" + Xml.escape(idpSsoUrl) + "\""
                + " AssertionConsumerServiceURL=\"" + Xml.escape(sp.acsUrl()) + "\""
                + " ProtocolBinding=\"" + Saml.POST_BINDING + "\">"
                + "<saml:Issuer>" + Xml.escape(sp.entityId()) + "</saml:Issuer>"
                + "<samlp:NameIDPolicy Format=\"" + Saml.NAME_ID_UNSPECIFIED + "\" AllowCreate=\"true\"/>"
                + "</samlp:AuthnRequest>";
    }

    /** The IdP's SSO URL with the request and, if any, the relay state in its query. */
    static String redirectUrl(String idpSsoUrl, String requestXml, String relayState) {
        String url = idpSsoUrl + (idpSsoUrl.contains("?") ? "&" : "?") + "SAMLRequest="
                + URLEncoder.encode(Base64.getEncoder().encodeToString(deflate(requestXml)), StandardCharsets.UTF_8);
        return relayState == null ? url : url + "&RelayState=" + URLEncoder.encode(relayState, StandardCharsets.UTF_8);
    }

    private static byte[] deflate(String xml) {
        Deflater deflater = new Deflater(Deflater.DEFLATED, true);
        try {
            deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        }
        finally {
            deflater.end();
        }
    }
}
