package jp.btob.platform.sso.saml;

import java.util.UUID;

import jp.btob.platform.system.PlatformProperties;
import org.springframework.stereotype.Component;

/**
 * The platform's service provider addresses, from its public URL: one SP entity ID per company
 * (the address of its metadata) and one assertion consumer service per identity provider.
 */
@Component
public class ServiceProviders {

    private final PlatformProperties platform;

    ServiceProviders(PlatformProperties platform) {
        this.platform = platform;
    }

    public ServiceProvider of(UUID companyId, UUID providerId) {
        return new ServiceProvider(entityId(companyId), acsUrl(providerId));
    }

    public String entityId(UUID companyId) {
        return platform.publicUrl("/api/v1/sso/saml/companies/" + companyId + "/metadata");
    }

    public String acsUrl(UUID providerId) {
        return platform.publicUrl("/api/v1/sso/saml/" + providerId + "/acs");
    }
}
