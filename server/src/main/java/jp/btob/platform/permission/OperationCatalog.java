package jp.btob.platform.permission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every operation of the API, read at start-up from the spec files the server publishes, with
 * the permission each declares in {@code x-permission}. The server refuses to start if an
 * operation declares none, or one the permission catalogue does not know: an endpoint cannot
 * exist without its check.
 */
@Component
public class OperationCatalog {

    static final String SPECS = "classpath:static/api-spec/*.yaml";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final String MULTIPART = "multipart/form-data";

    private final List<Operation> operations;

    OperationCatalog() {
        this(load());
    }

    OperationCatalog(List<Operation> operations) {
        List<Operation> sorted = new ArrayList<>(operations);
        // Literal segments before variables, so /me/sessions is not taken for /me/{something}.
        sorted.sort(Comparator.comparing(Operation::pattern, PathPattern.SPECIFICITY_COMPARATOR));
        this.operations = List.copyOf(sorted);
    }

    /** The operation this request is for, if the API has one. */
    public Optional<Operation> find(HttpMethod method, PathContainer path) {
        for (Operation operation : operations) {
            if (operation.method().equals(method) && operation.pattern().matches(path)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }

    /** The methods the API offers on this path; empty when it has no such path. */
    public Set<HttpMethod> methodsOf(PathContainer path) {
        Set<HttpMethod> methods = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        operations.stream().filter(operation -> operation.pattern().matches(path))
                .forEach(operation -> methods.add(operation.method()));
        return methods;
    }

    public List<Operation> all() {
        return operations;
    }

    private static List<Operation> load() {
        List<Operation> operations = new ArrayList<>();
        try {
            Resource[] specs = new PathMatchingResourcePatternResolver().getResources(SPECS);
            if (specs.length == 0) {
                throw new IllegalStateException("No spec files at " + SPECS);
            }
            for (Resource spec : specs) {
                try (InputStream in = spec.getInputStream()) {
                    operations.addAll(read(new Yaml(new SafeConstructor(new LoaderOptions())).load(in)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return operations;
    }

    @SuppressWarnings("unchecked")
    static List<Operation> read(Map<String, Object> document) {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        PathPatternParser parser = PathPatternParser.defaultInstance;
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            String id = String.valueOf(operation.get("operationId"));
            Object declared = operation.get("x-permission");
            if (!(declared instanceof String name)) {
                throw new IllegalStateException("Operation " + id + " (" + method.toUpperCase() + " " + path
                        + ") declares no x-permission");
            }
            operations.add(new Operation(HttpMethod.valueOf(method.toUpperCase()), parser.parse(path), path, id,
                    Declared.parse(name, id), declaresIdempotencyKey(operation.get("parameters")),
                    takesForm(operation.get("requestBody"))));
        }));
        return operations;
    }

    /**
     * Whether the parameters name the {@code Idempotency-Key} header, inline or through the shared
     * parameter of {@code common.yaml} (PLT-IDEM).
     */
    @SuppressWarnings("unchecked")
    private static boolean declaresIdempotencyKey(Object parameters) {
        if (!(parameters instanceof List<?> list)) {
            return false;
        }
        for (Object parameter : list) {
            Map<String, Object> declared = (Map<String, Object>) parameter;
            Object ref = declared.get("$ref");
            if (ref instanceof String reference && reference.endsWith("/parameters/IdempotencyKey")
                    || IDEMPOTENCY_KEY.equalsIgnoreCase(String.valueOf(declared.get("name")))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request body may be a {@code multipart/form-data} form. */
    private static boolean takesForm(Object requestBody) {
        return requestBody instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content
                && content.containsKey(MULTIPART);
    }

    /**
     * One operation: its method, path, ID, declared permission, whether it honours an
     * {@code Idempotency-Key}, and whether it takes a {@code multipart/form-data} body.
     */
    public record Operation(HttpMethod method, PathPattern pattern, String path, String operationId,
                            Declared declared, boolean idempotent, boolean multipart) {
    }
}
