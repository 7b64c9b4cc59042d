package jp.btob.platform.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A company's security settings read and changed through the API, as an administrator does. */
public final class SecuritySettingsSteps {

    public static final String PATH = "/api/v1/company/security-settings";

    private SecuritySettingsSteps() {
    }

    /** The settings in force, as answered. */
    public static Map<String, Object> read(WebTestClient admin) {
        return admin.get().uri(PATH).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult().getResponseBody();
    }

    /** The settings in force as a change would send them: without version and change stamp. */
    public static Map<String, Object> form(WebTestClient admin) {
        return formOf(read(admin));
    }

    /** Reads the settings, applies the edit and saves them with the ETag read; answers the settings saved. */
    public static Map<String, Object> change(WebTestClient admin, Consumer<Map<String, Object>> edit) {
        Map<String, Object> current = read(admin);
        Map<String, Object> form = formOf(current);
        edit.accept(form);
        return admin.put().uri(PATH)
                .header(HttpHeaders.IF_MATCH, "\"" + current.get("version") + "\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(form)
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult().getResponseBody();
    }

    /** Sets the value at a dotted path such as {@code passwordPolicy.minLength}. */
    @SuppressWarnings("unchecked")
    public static void set(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.get(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    /** The value at a dotted path. */
    @SuppressWarnings("unchecked")
    public static Object get(Map<String, Object> body, String path) {
        Object node = body;
        for (String part : path.split("\\.")) {
            node = ((Map<String, Object>) node).get(part);
        }
        return node;
    }

    private static Map<String, Object> formOf(Map<String, Object> settings) {
        Map<String, Object> form = deepCopy(settings);
        form.remove("version");
        form.remove("updatedAt");
        form.remove("updatedBy");
        return form;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> inner
                ? deepCopy((Map<String, Object>) inner)
                : value instanceof List<?> list ? new ArrayList<>(list) : value));
        return copy;
    }
}
