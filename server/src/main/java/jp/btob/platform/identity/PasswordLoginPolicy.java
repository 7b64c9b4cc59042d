package jp.btob.platform.identity;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Whether a user who gave the right password may sign in with it: a company that signs in
 * through its identity providers only refuses passwords but to those who must keep a way in.
 */
public interface PasswordLoginPolicy {

    /** {@code ssoOnly}: the company's switch, as read with the account in the login's first statement. */
    Mono<PasswordLogin> judge(UUID userId, boolean ssoOnly);

    /** {@code BREAK_GLASS}: allowed only as the administrators' way in past single sign-on, and audited as such. */
    enum PasswordLogin {
        ALLOWED, BREAK_GLASS, REFUSED
    }
}
