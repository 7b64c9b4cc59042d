package jp.btob.platform.permission;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jp.btob.platform.identity.CurrentUser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * The permission decision (SEC-RBAC) as {@link PermissionGate} takes it on every API request:
 * the request's operation found in the {@link OperationCatalog} read from the published specs,
 * then whether the caller, a staff user, holds what it declares. Once for an order (a typical
 * request), once for the catalogue's last operation (the longest search).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PermissionBenchmark {

    private OperationCatalog catalog;

    private Caller staff;

    private PathContainer order;

    private HttpMethod lastMethod;

    private PathContainer last;

    @Setup
    public void setUp() {
        catalog = new OperationCatalog();
        staff = new CurrentUser(UUID.randomUUID(), UUID.randomUUID(), BuiltInRole.STAFF.permissions(), UUID.randomUUID());
        order = PathContainer.parsePath("/api/v1/orders/" + UUID.randomUUID());
        List<OperationCatalog.Operation> operations = catalog.all();
        OperationCatalog.Operation operation = operations.get(operations.size() - 1);
        lastMethod = operation.method();
        last = PathContainer.parsePath(operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
        if (!decide(HttpMethod.GET, order) || catalog.find(lastMethod, last).isEmpty()) {
            throw new IllegalStateException("The catalogue does not answer as the benchmark expects: "
                    + catalog.find(HttpMethod.GET, order) + ", " + operation.path());
        }
    }

    @Benchmark
    public boolean typicalOrderRead() {
        return decide(HttpMethod.GET, order);
    }

    @Benchmark
    public boolean lastOperation() {
        return decide(lastMethod, last);
    }

    /** The gate's decision: whether the operation is open to any caller of its realm, or the caller holds what it declares. */
    private boolean decide(HttpMethod method, PathContainer path) {
        Optional<OperationCatalog.Operation> found = catalog.find(method, path);
        return found.isPresent() && (!(found.get().declared() instanceof Declared.Requires requires)
                || staff.holds(requires.permission()));
    }
}
