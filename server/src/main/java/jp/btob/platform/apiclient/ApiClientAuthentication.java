package jp.btob.platform.apiclient;

import java.util.List;

import jp.btob.platform.system.security.Realm;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated API client: a caller of the company realm; it carries no credentials. */
public final class ApiClientAuthentication extends AbstractAuthenticationToken {

    private final ApiClientCaller client;

    ApiClientAuthentication(ApiClientCaller client) {
        super(List.of(Realm.COMPANY.authority()));
        this.client = client;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiClientCaller getPrincipal() {
        return client;
    }

    @Override
    public String getName() {
        return client.clientId().toString();
    }
}
