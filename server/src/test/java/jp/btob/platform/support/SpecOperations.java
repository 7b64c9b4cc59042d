package jp.btob.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.springframework.http.HttpMethod;

/** Every operation of the spec files in {@code api-spec/}, read from the YAML, for tests that sweep them all. */
public final class SpecOperations {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private SpecOperations() {
    }

    /** Every operation of every spec file. */
    public static List<SpecOperation> all() {
        List<SpecOperation> operations = new ArrayList<>();
        try (DirectoryStream<Path> specs = Files.newDirectoryStream(ContractValidator.specDirectory(), "*.yaml")) {
            for (Path spec : specs) {
                OpenAPI api = new OpenAPIV3Parser().read(spec.toString());
                if (api.getPaths() == null) {
                    continue;
                }
                api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                        operations.add(new SpecOperation(HttpMethod.valueOf(method.name()), path, operation.getOperationId(),
                                operation.getRequestBody() != null,
                                operation.getSecurity() != null && !operation.getSecurity().isEmpty(),
                                operation.getExtensions() == null ? null
                                        : (String) operation.getExtensions().get("x-permission"),
                                operation.getResponses() == null ? Set.of() : Set.copyOf(operation.getResponses().keySet())))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return operations;
    }

    /** Every operation a company user's session reaches: secured, and not in the operators' realm. */
    public static List<SpecOperation> companyRealm() {
        return all().stream().filter(SpecOperation::companyRealm).toList();
    }

    /**
     * {@code permission}: what the operation declares in {@code x-permission}, null if nothing;
     * {@code statuses}: the status codes its responses document.
     */
    public record SpecOperation(HttpMethod method, String path, String operationId, boolean hasBody, boolean secured,
                                String permission, Set<String> statuses) {

        /** Needs a session (not a pre-session operation) and is not under {@code /api/v1/operator/}. */
        public boolean companyRealm() {
            return secured && !path.startsWith("/api/v1/operator/");
        }

        /** The names of the path's parameters, in order. */
        public List<String> pathParameters() {
            List<String> names = new ArrayList<>();
            Matcher matcher = PARAMETER.matcher(path);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }
    }
}
