package jp.btob.platform.sso.saml;

/**
 * The platform as the service provider of one identity provider's company.
 *
 * @param entityId the SP entity ID, the Audience every assertion must name
 * @param acsUrl   the assertion consumer service URL, the Recipient and Destination of responses
 */
record ServiceProvider(String entityId, String acsUrl) {
}
