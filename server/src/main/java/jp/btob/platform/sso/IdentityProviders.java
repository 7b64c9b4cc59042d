package jp.btob.platform.sso;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.sso.IdentityProvider.OidcSettings;
import jp.btob.platform.sso.IdentityProviderRepository.Stored;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The identity providers as sign-ins read them: enabled ones only, of active companies. */
@Service
public class IdentityProviders {

    private final IdentityProviderRepository providers;

    private final FieldEncryption encryption;

    IdentityProviders(IdentityProviderRepository providers, FieldEncryption encryption) {
        this.providers = providers;
        this.encryption = encryption;
    }

    /**
     * The enabled provider with this ID, an OpenID Connect one with its client secret decrypted;
     * empty when there is none, it is disabled or its company suspended.
     */
    public Mono<IdentityProvider> find(UUID id) {
        return providers.findEnabled(id).flatMap(this::decrypted);
    }

    /** The enabled providers of the company with this public code, for its sign-in page. */
    public Flux<IdentityProvider> enabledOf(String companyCode) {
        return providers.enabledOf(companyCode);
    }

    private Mono<IdentityProvider> decrypted(Stored stored) {
        IdentityProvider provider = stored.provider();
        if (provider.oidc() == null) {
            return Mono.just(provider);
        }
        OidcSettings oidc = provider.oidc();
        return encryption.decrypt(provider.companyId(), IdentityProviderRepository.CLIENT_SECRET.aad(provider.id()),
                        stored.clientSecret())
                .map(plain -> provider.withOidc(new OidcSettings(oidc.issuer(), oidc.clientId(),
                        new String(plain, StandardCharsets.UTF_8), oidc.scopes())));
    }
}
