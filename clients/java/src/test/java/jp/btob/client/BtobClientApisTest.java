package jp.btob.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jp.btob.client.api.OrdersApi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every generated API is reachable from the client (PLT-SDK), and the keyed operations are the specs' (PLT-IDEM). */
class BtobClientApisTest {

    @Test
    @DisplayName("[PLT-SDK] every generated *Api class has exactly one accessor on BtobClient, over the client's shared ApiClient")
    void everyGeneratedApiHasAnAccessor() throws Exception {
        List<Class<?>> generated = generatedApis();
        assertThat(generated).hasSizeGreaterThan(30).contains(OrdersApi.class);
        BtobClient client = BtobClient.builder().baseUrl("https://localhost:8443").build();

        for (Class<?> api : generated) {
            List<Method> accessors = Arrays.stream(BtobClient.class.getMethods())
                    .filter(method -> method.getReturnType() == api && method.getParameterCount() == 0
                            && !Modifier.isStatic(method.getModifiers()))
                    .toList();
            assertThat(accessors).as("the accessor of " + api.getSimpleName()).hasSize(1);
            Object instance = accessors.get(0).invoke(client);
            Object apiClient = api.getMethod("getApiClient").invoke(instance);
            assertThat(apiClient).as(api.getSimpleName()).isSameAs(client.orders().getApiClient());
        }
    }

    @Test
    @DisplayName("[PLT-IDEM] the operations sent with a key are read from the generated code: every create the specs key, no read")
    void keyedOperationsComeFromTheSpecs() throws IOException {
        Set<String> keyed = IdempotencyKeys.operations();
        assertThat(keyed).contains("POST /api/v1/orders", "POST /api/v1/quotes/{quoteId}/order",
                "POST /api/v1/orders/{orderId}/invoice", "POST /api/v1/invoices");
        assertThat(keyed).allMatch(operation -> operation.startsWith("POST /api/v1/"));
        assertThat(keyed).doesNotContain("POST /api/v1/orders/{orderId}/confirm", "POST /api/v1/auth/login");

        // As many operations as the specs give the IdempotencyKey parameter.
        Path specs = Path.of("../../api-spec");
        long declared;
        try (Stream<Path> files = Files.list(specs)) {
            declared = files.filter(file -> file.toString().endsWith(".yaml") && !file.endsWith("common.yaml"))
                    .mapToLong(BtobClientApisTest::keyReferences).sum();
        }
        assertThat(keyed).hasSize((int) declared);
    }

    private static long keyReferences(Path spec) {
        try {
            return Files.readAllLines(spec).stream()
                    .filter(line -> line.contains("common.yaml#/components/parameters/IdempotencyKey")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Class<?>> generatedApis() throws IOException, URISyntaxException {
        Path classes = Path.of(OrdersApi.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("jp/btob/client/api");
        try (Stream<Path> files = Files.list(classes)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("Api.class"))
                    .map(name -> "jp.btob.client.api." + name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .map(BtobClientApisTest::load)
                    .collect(Collectors.toList());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
