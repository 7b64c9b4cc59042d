package jp.btob.platform.sso.saml;

import jp.btob.platform.sso.IdentityProvider;
import jp.btob.platform.sso.PublicUrl;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The platform's service provider addresses under its public URL: one SP entity ID per company,
 * one assertion consumer service per identity provider.
 */
@Component
class ServiceProviders {

    private final PublicUrl publicUrl;

    ServiceProviders(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    ServiceProvider of(ServerWebExchange exchange, IdentityProvider provider) {
        return new ServiceProvider(publicUrl.of(exchange, "/api/v1/sso/saml/companies/" + provider.companyId()),
                publicUrl.of(exchange, "/api/v1/sso/saml/" + provider.id() + "/acs"));
    }
}
