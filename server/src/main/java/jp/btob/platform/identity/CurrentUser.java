package jp.btob.platform.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.permission.Caller;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.audit.Actor;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is calling: the user, their company, their effective permissions (as of the session's
 * lookup on this request), and the session the call came with. {@code allowlist}: the company's
 * IP allow-list read with the session (SEC-IP), or null when it was not.
 */
public record CurrentUser(UUID userId, UUID companyId, Set<Permission> permissions, UUID sessionId,
                          List<String> allowlist) implements Caller {

    public CurrentUser {
        permissions = Set.copyOf(permissions);
        allowlist = allowlist == null ? null : List.copyOf(allowlist);
    }

    public CurrentUser(UUID userId, UUID companyId, Set<Permission> permissions, UUID sessionId) {
        this(userId, companyId, permissions, sessionId, null);
    }

    @Override
    public Optional<List<String>> companyAllowlist() {
        return Optional.ofNullable(allowlist);
    }

    private static final String ATTRIBUTE = CurrentUser.class.getName();

    /** The caller of an authenticated request. */
    public static Mono<CurrentUser> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(SessionAuthentication.class::isInstance)
                .map(principal -> ((SessionAuthentication) principal).getPrincipal())
                .switchIfEmpty(Mono.error(() -> new AuthenticationCredentialsNotFoundException("No session")));
    }

    /**
     * The caller, for code that runs outside Spring Security's chain (the access log): there the
     * exchange's principal is empty, because the chain keeps it in the Reactor context of what
     * runs inside it. Empty until the session has been authenticated, and for anonymous requests.
     */
    public static Optional<CurrentUser> authenticated(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /** Records the caller on the exchange, where {@link #authenticated} finds it. */
    static void remember(ServerWebExchange exchange, CurrentUser user) {
        exchange.getAttributes().put(ATTRIBUTE, user);
    }

    public boolean belongsTo(UUID company) {
        return companyId.equals(company);
    }

    @Override
    public boolean holds(Permission permission) {
        return permissions.contains(permission);
    }

    @Override
    public Actor actor() {
        return Actor.user(userId);
    }
}
