package jp.btob.platform.identity;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A token as it arrives, before the session behind it is found; {@link #getCredentials()} is the token. */
final class SessionTokenAuthentication extends AbstractAuthenticationToken {

    private final String token;

    SessionTokenAuthentication(String token) {
        super(List.of());
        this.token = token;
    }

    @Override
    public String getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }
}
