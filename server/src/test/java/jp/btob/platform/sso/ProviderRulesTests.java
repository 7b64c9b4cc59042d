package jp.btob.platform.sso;

import java.util.UUID;

import jp.btob.platform.api.model.IdentityProviderInput;
import jp.btob.platform.api.model.OidcSettingsInput;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.api.model.ProviderKind;
import jp.btob.platform.api.model.SamlSettingsInput;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.problem.UnprocessableException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The address rule as the platform ships it: https only, unless the insecure setting says otherwise (SEC-SSO). */
class ProviderRulesTests {

    private static final Caller ADMIN = new Caller() {

        @Override
        public UUID companyId() {
            return UUID.randomUUID();
        }

        @Override
        public boolean holds(Permission permission) {
            return true;
        }

        @Override
        public Actor actor() {
            return Actor.system();
        }
    };

    @Test
    @DisplayName("[SEC-SSO] by default an http issuer is refused with 422 naming oidc.issuer, and an https one is accepted")
    void issuerWhenHttpAndNotAllowedThenRefused() {
        ProviderRules rules = new ProviderRules(null, properties(false), null);

        StepVerifier.create(rules.check(ADMIN, input("http://idp.example.com/t"), null))
                .expectErrorSatisfies(failure -> assertThat(failure).isInstanceOfSatisfying(UnprocessableException.class,
                        refused -> assertThat(refused.errors()).singleElement()
                                .satisfies(error -> assertThat(error.getField()).isEqualTo("oidc.issuer"))))
                .verify();
        StepVerifier.create(rules.check(ADMIN, input("https://idp.example.com/t"), null))
                .assertNext(checked -> assertThat(checked.fields().oidc().issuer()).isEqualTo("https://idp.example.com/t"))
                .verifyComplete();
    }

    @Test
    @DisplayName("[SEC-SSO] with btob.sso.allow-insecure-issuers an http issuer is accepted, for demos and tests")
    void issuerWhenHttpAndAllowedThenAccepted() {
        StepVerifier.create(new ProviderRules(null, properties(true), null).check(ADMIN, input("http://127.0.0.1:8080/t"), null))
                .assertNext(checked -> assertThat(checked.clientSecret()).isEqualTo("secret"))
                .verifyComplete();
    }

    @Test
    @DisplayName("[SEC-SSO] a SAML metadata URL over http is refused with 422 naming saml.metadataUrl before anything is fetched")
    void metadataUrlWhenHttpAndNotAllowedThenRefusedUnfetched() {
        IdentityProviderInput saml = new IdentityProviderInput().name("IdP").kind(ProviderKind.SAML)
                .saml(new SamlSettingsInput().metadataUrl("http://169.254.169.254/latest/meta-data"));

        // No provider calls at all: a fetch would fail on the missing client, not answer 422.
        StepVerifier.create(new ProviderRules(null, properties(false), null).check(ADMIN, saml, null))
                .expectErrorSatisfies(failure -> assertThat(failure).isInstanceOfSatisfying(UnprocessableException.class,
                        refused -> assertThat(refused.errors()).singleElement()
                                .satisfies(error -> assertThat(error.getField()).isEqualTo("saml.metadataUrl"))))
                .verify();
    }

    private static IdentityProviderInput input(String issuer) {
        return new IdentityProviderInput().name("IdP").kind(ProviderKind.OIDC)
                .oidc(new OidcSettingsInput().issuer(issuer).clientId("platform").clientSecret("secret"));
    }

    private static SsoProperties properties(boolean allowInsecure) {
        return new SsoProperties(null, allowInsecure, null, null, null, null, null, null);
    }
}
