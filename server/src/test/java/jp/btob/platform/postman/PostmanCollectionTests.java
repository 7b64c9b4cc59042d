package jp.btob.platform.postman;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jp.btob.platform.support.ContractValidator;
import jp.btob.platform.support.SpecOperations;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed Postman collection is current: it names every operation of the specs and nothing
 * else, one folder per service spec, and its environment signs in as a demo user. After a spec
 * change, {@code npm run postman} regenerates it. Its run against the packaged server is
 * {@link PostmanCollectionIT}.
 */
class PostmanCollectionTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Path ROOT = ContractValidator.specDirectory().getParent();

    static final Path COLLECTION = ROOT.resolve("postman/btob-platform.postman_collection.json");

    static final Path ENVIRONMENT = ROOT.resolve("postman/btob-platform.postman_environment.json");

    @Test
    @DisplayName("[PLT-POSTMAN] the collection's service folders hold every operation of the specs, and only those (else: npm run postman)")
    void collectionThenEverySpecOperation() throws IOException {
        Set<String> inSpecs = SpecOperations.all().stream()
                .map(operation -> operation.method().name() + " " + operation.path())
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> inCollection = new ArrayList<>();
        for (JsonNode folder : collection().get("item")) {
            if (!folder.get("name").asString().equals("smoke")) {
                requests(folder, inCollection);
            }
        }
        assertThat(inCollection).as("requests of the service folders").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(inCollection)).as("run npm run postman after changing a spec").isEqualTo(inSpecs);
    }

    @Test
    @DisplayName("[PLT-POSTMAN] one folder per service spec (every spec but common.yaml), after the smoke folder")
    void collectionThenOneFolderPerSpec() throws IOException {
        List<String> folders = new ArrayList<>();
        collection().get("item").forEach(folder -> folders.add(folder.get("name").asString()));
        List<String> services = new ArrayList<>();
        try (var specs = Files.list(ROOT.resolve("api-spec"))) {
            specs.map(spec -> spec.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .filter(name -> !name.equals("common"))
                    .sorted()
                    .forEach(services::add);
        }
        assertThat(folders.get(0)).isEqualTo("smoke");
        assertThat(folders.subList(1, folders.size())).isEqualTo(services);
    }

    @Test
    @DisplayName("[PLT-POSTMAN] the collection signs in once and sends the bearer token; the environment names a demo login")
    void collectionThenLoginOnceAndBearer() throws IOException {
        JsonNode collection = collection();
        assertThat(collection.at("/auth/type").asString()).isEqualTo("bearer");
        assertThat(collection.at("/auth/bearer/0/value").asString()).isEqualTo("{{token}}");
        String preRequest = String.join("\n", collection.at("/event/0/script/exec").valueStream()
                .map(JsonNode::asString).toList());
        assertThat(collection.at("/event/0/listen").asString()).isEqualTo("prerequest");
        assertThat(preRequest).contains("/api/v1/auth/login", "pm.sendRequest", "collectionVariables.set('token'");

        List<String> variables = new ArrayList<>();
        JSON.readTree(ENVIRONMENT.toFile()).get("values").forEach(value -> variables.add(
                value.get("key").asString() + "=" + value.get("value").asString()));
        assertThat(variables).contains("loginId=seller-admin", "password=Demo#2026pass")
                .anyMatch(variable -> variable.startsWith("baseUrl=https://"));
    }

    static JsonNode collection() throws IOException {
        return JSON.readTree(COLLECTION.toFile());
    }

    /** "METHOD /path/{parameter}" of every request under this item. */
    private static void requests(JsonNode item, List<String> into) {
        if (item.has("item")) {
            item.get("item").forEach(child -> requests(child, into));
            return;
        }
        JsonNode request = item.get("request");
        List<String> segments = new ArrayList<>();
        request.at("/url/path").forEach(segment -> {
            String text = segment.asString();
            segments.add(text.startsWith(":") ? "{" + text.substring(1) + "}" : text);
        });
        into.add(request.get("method").asString() + " /" + String.join("/", segments));
    }
}
