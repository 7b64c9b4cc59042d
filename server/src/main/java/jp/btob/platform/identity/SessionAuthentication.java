package jp.btob.platform.identity;

import java.util.List;

import jp.btob.platform.system.security.Realm;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated session of a company user; it carries no credentials, only who the caller is. */
public final class SessionAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;

    SessionAuthentication(CurrentUser user) {
        super(List.of(Realm.COMPANY.authority(), new SimpleGrantedAuthority("ROLE_" + user.role().getValue())));
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public CurrentUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.userId().toString();
    }
}
