package jp.btob.platform.sso;

import java.util.ArrayList;

import jp.btob.platform.api.model.IdentityProviderDetails;
import jp.btob.platform.api.model.OidcSettingsDetails;
import jp.btob.platform.api.model.ProviderKind;
import jp.btob.platform.api.model.SamlSettingsDetails;
import jp.btob.platform.api.model.SignInProvider;
import jp.btob.platform.system.Times;

/** Identity providers as the API shows them: never a client secret, only whether one is set. */
final class SsoMapper {

    private SsoMapper() {
    }

    static IdentityProviderDetails details(IdentityProvider provider, String redirectUri) {
        IdentityProviderDetails details = new IdentityProviderDetails()
                .id(provider.id())
                .name(provider.name())
                .kind(ProviderKind.fromValue(provider.kind().name()))
                .enabled(provider.enabled())
                .loginAttribute(provider.loginAttribute())
                .jitEnabled(provider.jitEnabled())
                .jitRole(provider.jitRoleId() == null ? null
                        : provider.jitRoleKey() != null ? provider.jitRoleKey() : provider.jitRoleId().toString())
                .createdAt(Times.utc(provider.createdAt()))
                .updatedAt(Times.utc(provider.updatedAt()));
        if (provider.oidc() != null) {
            details.oidc(new OidcSettingsDetails()
                    .issuer(provider.oidc().issuer())
                    .clientId(provider.oidc().clientId())
                    .clientSecretSet(true)
                    .scopes(new ArrayList<>(provider.oidc().scopes()))
                    .redirectUri(redirectUri));
        }
        if (provider.saml() != null) {
            details.saml(new SamlSettingsDetails()
                    .idpEntityId(provider.saml().idpEntityId())
                    .ssoUrl(provider.saml().ssoUrl())
                    .certificates(new ArrayList<>(provider.saml().certificates()))
                    .metadataUrl(provider.saml().metadataUrl())
                    .allowUnsolicited(provider.saml().allowUnsolicited()));
        }
        return details;
    }

    static SignInProvider signIn(IdentityProvider provider) {
        return new SignInProvider().id(provider.id()).name(provider.name())
                .kind(ProviderKind.fromValue(provider.kind().name()));
    }
}
