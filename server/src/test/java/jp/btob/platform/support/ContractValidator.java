package jp.btob.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Checks exchanges against the spec files in {@code api-spec/}. Every response of a documented
 * operation must match the spec, problems included; a request the server accepted (2xx) must
 * match it too, so the server cannot quietly accept more than the contract says.
 */
public final class ContractValidator {

    private static final ContractValidator INSTANCE = new ContractValidator(specDirectory());

    private final List<OpenApiInteractionValidator> validators = new ArrayList<>();

    ContractValidator(Path specDirectory) {
        try (DirectoryStream<Path> specs = Files.newDirectoryStream(specDirectory, "*.yaml")) {
            for (Path spec : specs) {
                if (!spec.getFileName().toString().equals("common.yaml")) {
                    validators.add(OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString()).build());
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (validators.isEmpty()) {
            throw new IllegalStateException("No spec files in " + specDirectory);
        }
    }

    public static ContractValidator instance() {
        return INSTANCE;
    }

    /** The problems found; empty when the exchange matches the spec or concerns no documented path. */
    public List<String> validate(Exchange exchange) {
        SimpleRequest request = request(exchange);
        for (OpenApiInteractionValidator validator : validators) {
            ValidationReport response = validator.validateResponse(exchange.path(), request.getMethod(), response(exchange));
            if (isUndocumented(response)) {
                continue;
            }
            ValidationReport report = exchange.status() / 100 == 2 ? response.merge(validator.validateRequest(request)) : response;
            return report.getMessages().stream()
                    .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .map(message -> message.getKey() + ": " + message.getMessage())
                    .collect(Collectors.toList());
        }
        return List.of();
    }

    /** Whether the spec has no operation for this path and method, so there is nothing to check against. */
    private static boolean isUndocumented(ValidationReport report) {
        return report.getMessages().stream().anyMatch(message ->
                message.getKey().equals("validation.request.path.missing")
                        || message.getKey().equals("validation.request.operation.notAllowed"));
    }

    private static SimpleRequest request(Exchange exchange) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), exchange.path());
        // Checked as the server reads them: decoded, so that a limit on length counts characters.
        UriComponentsBuilder.fromUri(exchange.uri()).build().getQueryParams()
                .forEach((name, values) -> builder.withQueryParam(decoded(name), values.stream()
                        .map(ContractValidator::decoded).toList()));
        exchange.requestHeaders().forEach((name, values) -> builder.withHeader(name, values));
        if (exchange.requestBody() != null && exchange.requestBody().length > 0) {
            builder.withBody(new String(exchange.requestBody(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static String decoded(String component) {
        if (component == null) {
            return null;
        }
        try {
            return UriUtils.decode(component, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            return component;
        }
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach((name, values) -> builder.withHeader(name, values));
        if (exchange.responseBody() != null && exchange.responseBody().length > 0) {
            builder.withBody(new String(exchange.responseBody(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** The api-spec directory of the repository the tests run in. */
    public static Path specDirectory() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("api-spec"))) {
                return dir.resolve("api-spec");
            }
        }
        throw new IllegalStateException("No api-spec directory above " + here);
    }

    /** One request and its response, as the validator needs them. */
    public record Exchange(String method, URI uri, Map<String, List<String>> requestHeaders, byte[] requestBody,
                           int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {

        String path() {
            return uri.getRawPath();
        }

        public Exchange withResponseBody(String body) {
            return new Exchange(method, uri, requestHeaders, requestBody, status, responseHeaders,
                    body.getBytes(StandardCharsets.UTF_8));
        }

        public Exchange withStatus(int newStatus) {
            return new Exchange(method, uri, requestHeaders, requestBody, newStatus, responseHeaders, responseBody);
        }

        public static Exchange of(String method, URI uri, HttpHeaders requestHeaders, byte[] requestBody, int status,
                                  HttpHeaders responseHeaders, byte[] responseBody) {
            return new Exchange(method, uri, toMap(requestHeaders), requestBody, status, toMap(responseHeaders),
                    responseBody);
        }

        private static Map<String, List<String>> toMap(HttpHeaders headers) {
            Map<String, List<String>> map = new java.util.LinkedHashMap<>();
            headers.forEach((name, values) -> map.put(name, List.copyOf(values)));
            return map;
        }
    }
}
