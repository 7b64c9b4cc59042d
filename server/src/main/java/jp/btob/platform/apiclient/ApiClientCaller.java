package jp.btob.platform.apiclient;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.Permission;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.permission.Caller;
import org.springframework.web.server.ServerWebExchange;

/**
 * An API client calling with its secret: its company, and the scopes it holds as of this
 * request's lookup. {@code clientId} and {@code companyId} are what a rate limiter keys its
 * buckets on for API clients (SEC-RATE). {@code allowlist}: the company's IP allow-list read with
 * the client (SEC-IP), or null when it was not.
 */
public record ApiClientCaller(UUID clientId, UUID companyId, Set<Permission> scopes, List<String> allowlist)
        implements Caller {

    private static final String ATTRIBUTE = ApiClientCaller.class.getName();

    public ApiClientCaller {
        scopes = Set.copyOf(scopes);
        allowlist = allowlist == null ? null : List.copyOf(allowlist);
    }

    @Override
    public Optional<List<String>> companyAllowlist() {
        return Optional.ofNullable(allowlist);
    }

    @Override
    public boolean holds(Permission permission) {
        return scopes.contains(permission);
    }

    @Override
    public Actor actor() {
        return Actor.apiClient(clientId);
    }

    /**
     * The client, for code that runs outside Spring Security's chain (the access log); empty
     * for requests not authenticated as an API client.
     */
    public static Optional<ApiClientCaller> authenticated(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /** Records the client on the exchange, where {@link #authenticated} finds it. */
    public static void remember(ServerWebExchange exchange, ApiClientCaller client) {
        exchange.getAttributes().put(ATTRIBUTE, client);
    }
}
