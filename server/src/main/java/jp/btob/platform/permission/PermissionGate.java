package jp.btob.platform.permission;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jp.btob.platform.api.model.AuditActorType;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The one place where API permissions are enforced (SEC-RBAC). Every request under
 * {@code /api/} is matched to its operation in the {@link OperationCatalog}; what the operation
 * declares in {@code x-permission} decides. A function permission the caller does not hold
 * answers 403 {@code permission-denied} naming it, before the body is read, and is audited as
 * {@code access.denied}. A path the API does not have answers 404, and a method it does not offer
 * there 405, so no handler is reachable without a declaration. It runs in Spring Security's chain
 * after authorization, which has already held each path to its realm.
 */
public final class PermissionGate implements WebFilter {

    private static final String API = "/api/";

    private final OperationCatalog catalog;

    private final Problems problems;

    private final AuditLog audit;

    public PermissionGate(OperationCatalog catalog, Problems problems, AuditLog audit) {
        this.catalog = catalog;
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        HttpMethod method = exchange.getRequest().getMethod();
        if (!path.value().startsWith(API) || HttpMethod.OPTIONS.equals(method)) {
            return chain.filter(exchange);
        }
        Optional<OperationCatalog.Operation> found = catalog.find(method, path);
        if (found.isEmpty()) {
            return unknown(exchange, path);
        }
        OperationCatalog.Operation operation = found.get();
        if (operation.declared() instanceof Declared.Authenticated) {
            return ownAccountOnly(exchange, chain);
        }
        if (!(operation.declared() instanceof Declared.Requires requires)) {
            return chain.filter(exchange);
        }
        return Callers.current()
                .flatMap(caller -> caller.holds(requires.permission())
                        ? chain.filter(exchange).thenReturn(true)
                        : deny(exchange, caller, operation, requires.permission()).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> problems.write(exchange, ProblemType.PERMISSION_DENIED,
                        "This needs the permission " + requires.permission().getValue() + ".").thenReturn(true)))
                .then();
    }

    /** Operations on one's own account are for people: a caller that is not a user has none. */
    private Mono<Void> ownAccountOnly(ServerWebExchange exchange, WebFilterChain chain) {
        return Callers.current()
                .filter(caller -> caller.actor().type() != AuditActorType.USER)
                .flatMap(caller -> problems.write(exchange, ProblemType.PERMISSION_DENIED,
                        "Only a signed-in user has an account of their own to act on.").thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }

    private Mono<Void> deny(ServerWebExchange exchange, Caller caller, OperationCatalog.Operation operation,
                            Permission permission) {
        return audit.record(new AuditEntry(caller.companyId(), caller.actor(), AuditAction.ACCESS_DENIED, "operation",
                        null, AuditOutcome.FAILURE,
                        Map.of("operationId", operation.operationId(), "permission", permission.getValue())))
                .then(problems.write(exchange, ProblemType.PERMISSION_DENIED,
                        "This needs the permission " + permission.getValue() + ", which you do not hold."));
    }

    private Mono<Void> unknown(ServerWebExchange exchange, PathContainer path) {
        Set<HttpMethod> offered = catalog.methodsOf(path);
        if (offered.isEmpty()) {
            return problems.write(exchange, ProblemType.NOT_FOUND, "The API has no such path.");
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ALLOW, offered.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
        return problems.write(exchange, ProblemType.METHOD_NOT_ALLOWED,
                "This path answers " + headers.getFirst(HttpHeaders.ALLOW) + " only.", List.of(), headers);
    }
}
