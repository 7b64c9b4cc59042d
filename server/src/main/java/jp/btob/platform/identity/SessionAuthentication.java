package jp.btob.platform.identity;

import java.util.List;

import jp.btob.platform.system.security.Realm;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An authenticated session of a company user; it carries no credentials, only who the caller is
 * and whether the session may do no more than change an expired password.
 */
public final class SessionAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;

    private final boolean passwordChangeRequired;

    SessionAuthentication(CurrentUser user, boolean passwordChangeRequired) {
        super(List.of(Realm.COMPANY.authority()));
        this.user = user;
        this.passwordChangeRequired = passwordChangeRequired;
        setAuthenticated(true);
    }

    /** Whether the session was opened with an expired password and may only change it. */
    public boolean passwordChangeRequired() {
        return passwordChangeRequired;
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
