package jp.btob.platform.system.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The login realms. A session belongs to exactly one, and each API answers the callers of one
 * realm only: company users under {@code /api/}, platform operators under {@code /api/v1/operator/}.
 */
public enum Realm {

    COMPANY,
    OPERATOR;

    private final GrantedAuthority authority = new SimpleGrantedAuthority("REALM_" + name());

    /** The authority every session of this realm carries, and the one its APIs require. */
    public GrantedAuthority authority() {
        return authority;
    }
}
