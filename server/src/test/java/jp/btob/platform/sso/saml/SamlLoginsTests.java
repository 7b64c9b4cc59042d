package jp.btob.platform.sso.saml;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jp.btob.platform.sso.IdentityProvider;
import jp.btob.platform.sso.IdentityProviders;
import jp.btob.platform.sso.SsoSteps;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SamlIdp;
import jp.btob.platform.support.SamlResponseBuilder;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamlLoginsTests extends IntegrationTest {

    private static final SamlIdp IDP = SamlIdp.create();

    @Autowired
    private SamlLogins logins;

    @Autowired
    private IdentityProviders providers;

    @Autowired
    private SamlStateRepository repository;

    private final Sql sql = new Sql(DATABASE);

    private WebTestClient admin;

    private IdentityProvider provider;

    private ServiceProvider sp;

    @BeforeEach
    void provider() {
        admin = client(login(fixtures.company("SAML Co").adminLoginId()));
        provider = register(false);
        sp = serviceProvider(provider);
    }

    private IdentityProvider register(boolean allowUnsolicited) {
        String id = (String) SsoSteps.create(admin, IDP.registration(null, allowUnsolicited)).get("id");
        return providers.find(UUID.fromString(id)).block();
    }

    private static ServiceProvider serviceProvider(IdentityProvider provider) {
        return new ServiceProvider("https://btob.example/api/v1/sso/saml/companies/" + provider.companyId(),
                "https://btob.example/api/v1/sso/saml/" + provider.id() + "/acs");
    }

    private SamlLogins.Started start(String relayState) {
        return logins.start(provider, sp, relayState).block();
    }

    private SamlResponseBuilder answer(SamlLogins.Started started) {
        return IDP.response(sp.entityId(), sp.acsUrl()).inResponseTo(started.requestId());
    }

    private SamlAssertion accept(String encoded, String relayState, String browser) {
        return logins.accept(provider, sp, encoded, relayState, browser).block();
    }

    private void assertRefused(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOf(SamlRefusal.class).hasFieldOrPropertyWithValue("reason", reason);
    }

    @Test
    @DisplayName("[SEC-SSO] the AuthnRequest goes to the IdP's SSO URL deflated, with its ID, destination, ACS URL and SP issuer")
    void authnRequest() {
        SamlLogins.Started started = start("/home");

        var query = UriComponentsBuilder.fromUri(URI.create(started.redirectUrl())).build(true).getQueryParams();
        assertThat(started.redirectUrl()).startsWith(SamlIdp.SSO_URL + "&SAMLRequest=");
        assertThat(query.getFirst("RelayState")).isEqualTo("%2Fhome");
        String xml = SamlIdp.inflate(URLDecoder.decode(query.getFirst("SAMLRequest"), StandardCharsets.UTF_8));
        assertThat(xml).contains("ID=\"" + started.requestId() + "\"")
                .contains("Destination=\"" + SamlIdp.SSO_URL + "\"")
                .contains("AssertionConsumerServiceURL=\"" + sp.acsUrl() + "\"")
                .contains("<saml:Issuer>" + sp.entityId() + "</saml:Issuer>");
        assertThat(started.requestId()).matches("_[0-9a-f]{64}");
        assertThat(sql.count("SELECT count(*) FROM saml_request WHERE id = ? AND provider_id = ?", started.requestId(),
                provider.id())).isEqualTo(1);
    }

    @Test
    @DisplayName("[SEC-SSO] a response to an outstanding request, from the browser that started it, is accepted once")
    void acceptedOnce() {
        SamlLogins.Started started = start(null);
        String response = answer(started).nameId("alice").encoded();

        assertThat(accept(response, null, started.browser()).loginId()).isEqualTo("alice");
        assertRefused(() -> accept(response, null, started.browser()), "replay");
    }

    @Test
    @DisplayName("[SEC-SSO] a second assertion in response to an already answered request is refused")
    void requestUsedOnce() {
        SamlLogins.Started started = start(null);
        accept(answer(started).encoded(), null, started.browser());

        assertRefused(() -> accept(answer(started).encoded(), null, started.browser()), "in-response-to");
    }

    @Test
    @DisplayName("[SEC-SSO] a response to an unknown request, another provider's request or an expired one is refused")
    void unknownRequest() {
        SamlLogins.Started started = start(null);
        assertRefused(() -> accept(IDP.response(sp.entityId(), sp.acsUrl()).inResponseTo("_unknown").encoded(), null,
                started.browser()), "in-response-to");

        IdentityProvider other = register(false);
        SamlLogins.Started othersRequest = logins.start(other, serviceProvider(other), null).block();
        assertRefused(() -> accept(answer(othersRequest).encoded(), null, othersRequest.browser()), "in-response-to");

        clock.advance(Duration.ofMinutes(11));
        assertRefused(() -> accept(answer(started).validity(clock.instant().minusSeconds(60), clock.instant().plusSeconds(300))
                .encoded(), null, started.browser()), "in-response-to");
    }

    @Test
    @DisplayName("[SEC-SSO] login CSRF: a response posted from another browser than the one that started the login is refused, and the request stays usable by its own browser")
    void otherBrowser() {
        SamlLogins.Started started = start(null);

        assertRefused(() -> accept(answer(started).encoded(), null, "another-browser"), "in-response-to");
        assertRefused(() -> accept(answer(started).encoded(), null, null), "in-response-to");
        assertThat(accept(answer(started).encoded(), null, started.browser()).inResponseTo()).isEqualTo(started.requestId());
    }

    @Test
    @DisplayName("[SEC-SSO] the RelayState posted back must be the one sent with the request")
    void relayState() {
        SamlLogins.Started started = start("/orders");

        assertRefused(() -> accept(answer(started).encoded(), "/evil", started.browser()), "relay-state");
        assertThat(accept(answer(started).encoded(), "/orders", started.browser()).loginId()).isNotEmpty();
    }

    @Test
    @DisplayName("[SEC-SSO] an unsolicited response, when the provider allows them, is accepted once by its assertion ID")
    void unsolicitedOnce() {
        provider = register(true);
        sp = serviceProvider(provider);
        String response = IDP.response(sp.entityId(), sp.acsUrl()).encoded();

        assertThat(accept(response, null, null).inResponseTo()).isNull();
        assertRefused(() -> accept(response, null, null), "replay");
    }

    @Test
    @DisplayName("[SEC-SSO] expired requests and assertion records are purged")
    void purge() {
        SamlLogins.Started answered = start(null);
        start(null);
        SamlAssertion assertion = accept(answer(answered).encoded(), null, answered.browser());

        repository.purgeExpired(assertion.expiresAt().plus(Duration.ofHours(1))).block();

        assertThat(sql.count("SELECT count(*) FROM saml_assertion_use WHERE assertion_id = ?", assertion.id())).isZero();
        assertThat(sql.count("SELECT count(*) FROM saml_request WHERE provider_id = ?", provider.id())).isZero();
    }
}
