package jp.btob.platform.sso;

import java.util.UUID;

import jp.btob.platform.api.model.Permission;
import jp.btob.platform.identity.PasswordLoginPolicy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * SEC-SSO: a company that signs in through its identity providers only refuses passwords, but to
 * the users who hold {@code admin:security}: they keep a way in when the provider fails or is
 * misconfigured, and each such login is audited as a break-glass one.
 */
@Component
class SsoOnlyPolicy implements PasswordLoginPolicy {

    private final SsoUserRepository users;

    SsoOnlyPolicy(SsoUserRepository users) {
        this.users = users;
    }

    @Override
    public Mono<PasswordLogin> judge(UUID userId, boolean ssoOnly) {
        return !ssoOnly ? Mono.just(PasswordLogin.ALLOWED)
                : users.permissions(userId).map(held -> held.contains(Permission.ADMIN_SECURITY)
                        ? PasswordLogin.BREAK_GLASS : PasswordLogin.REFUSED);
    }
}
