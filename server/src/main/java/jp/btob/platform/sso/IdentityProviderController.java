package jp.btob.platform.sso;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.api.SsoApi;
import jp.btob.platform.api.SsoOidcApi;
import jp.btob.platform.api.model.IdentityProviderDetails;
import jp.btob.platform.api.model.IdentityProviderInput;
import jp.btob.platform.api.model.IdentityProviderList;
import jp.btob.platform.api.model.SignInProviderList;
import jp.btob.platform.api.model.SsoOptions;
import jp.btob.platform.permission.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The identity providers and SSO options of the caller's own company; another company's provider answers 404. */
@RestController
class IdentityProviderController implements SsoApi {

    private static final String PATH = "/api/v1/admin/identity-providers/";

    private final ProviderAdministration administration;

    private final IdentityProviders providers;

    private final PublicUrl urls;

    IdentityProviderController(ProviderAdministration administration, IdentityProviders providers, PublicUrl urls) {
        this.administration = administration;
        this.providers = providers;
        this.urls = urls;
    }

    @Override
    public Mono<ResponseEntity<IdentityProviderList>> listIdentityProviders(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> administration.list(caller).map(provider -> details(provider, exchange)).collectList())
                .map(items -> ResponseEntity.ok(new IdentityProviderList().items(items)));
    }

    @Override
    public Mono<ResponseEntity<IdentityProviderDetails>> createIdentityProvider(Mono<IdentityProviderInput> input,
                                                                               ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> input.flatMap(body -> administration.create(caller, body)))
                .map(provider -> ResponseEntity.created(URI.create(PATH + provider.id())).body(details(provider, exchange)));
    }

    @Override
    public Mono<ResponseEntity<IdentityProviderDetails>> getIdentityProvider(UUID providerId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> administration.find(caller, providerId))
                .map(provider -> ResponseEntity.ok(details(provider, exchange)));
    }

    @Override
    public Mono<ResponseEntity<IdentityProviderDetails>> updateIdentityProvider(UUID providerId,
                                                                               Mono<IdentityProviderInput> input,
                                                                               ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> input.flatMap(body -> administration.update(caller, providerId, body)))
                .map(provider -> ResponseEntity.ok(details(provider, exchange)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteIdentityProvider(UUID providerId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> administration.delete(caller, providerId))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<SsoOptions>> getSsoOptions(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(administration::ssoOnly)
                .map(ssoOnly -> ResponseEntity.ok(new SsoOptions().ssoOnly(ssoOnly)));
    }

    @Override
    public Mono<ResponseEntity<SsoOptions>> updateSsoOptions(Mono<SsoOptions> options, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> options.flatMap(body -> administration.setSsoOnly(caller, body.getSsoOnly())))
                .map(ssoOnly -> ResponseEntity.ok(new SsoOptions().ssoOnly(ssoOnly)));
    }

    @Override
    public Mono<ResponseEntity<SignInProviderList>> listSignInProviders(String companyCode, ServerWebExchange exchange) {
        return providers.enabledOf(companyCode).map(SsoMapper::signIn).collectList()
                .map(items -> ResponseEntity.ok(new SignInProviderList().items(items)));
    }

    private IdentityProviderDetails details(IdentityProvider provider, ServerWebExchange exchange) {
        // The redirect URI an administrator registers at an OpenID Connect provider.
        return SsoMapper.details(provider, urls.of(exchange, SsoOidcApi.PATH_COMPLETE_OIDC_SIGN_IN));
    }
}
