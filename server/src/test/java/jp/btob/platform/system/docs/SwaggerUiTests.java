package jp.btob.platform.system.docs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;

import static org.assertj.core.api.Assertions.assertThat;

/** Swagger UI shows the spec files themselves, and "try it out" works after logging in. */
class SwaggerUiTests extends IntegrationTest {

    @Test
    @DisplayName("[PLT-UI] /swagger-ui.html opens Swagger UI")
    void swaggerUiHtmlThenRedirectsToUi() {
        String location = client().get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .expectBody().returnResult().getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        assertThat(location).endsWith("/swagger-ui/index.html");
        client().get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
    }

    @Test
    @DisplayName("[PLT-UI] Swagger UI lists every service spec, served byte for byte from api-spec/")
    void swaggerConfigThenListsEverySpecFile() throws IOException {
        Map<?, ?> config = client().get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<String> listed = new ArrayList<>();
        for (Object entry : (List<?>) config.get("urls")) {
            listed.add((String) ((Map<?, ?>) entry).get("url"));
        }
        List<String> expected = new ArrayList<>();
        Path specs = specDirectory();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(specs, "*.yaml")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.equals("common.yaml")) {
                    expected.add("/api-spec/" + name);
                }
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
        for (String url : listed) {
            assertServedAsIs(url, specs.resolve(url.substring("/api-spec/".length())));
        }
        // The service specs refer to common.yaml; Swagger UI fetches it beside them.
        assertServedAsIs("/api-spec/common.yaml", specs.resolve("common.yaml"));
    }

    @Test
    @DisplayName("[PLT-UI] after login, the browser's cookie alone lets \"try it out\" call the API")
    void tryItOutWhenLoggedInThenCookieAuthenticates() {
        String setCookie = client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "seller-staff", "password", jp.btob.platform.demo.DemoData.PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
        String token = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        client().get().uri("/api/v1/me")
                .cookie("BTOB_SESSION", token)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.loginId").isEqualTo("seller-staff");
        assertThat(ResponseCookie.from("BTOB_SESSION", token).build().getValue()).isEqualTo(token);
    }

    @Test
    @DisplayName("[PLT-UI] once logged in, the browser's session cookie, live or ended, does not stop Swagger UI's files and the specs from loading")
    void staticFilesWhenSessionCookieThenServed() {
        String live = login("seller-staff");
        String ended = login("seller-staff");
        client(ended).post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();

        for (String cookie : List.of(live, ended, "garbage")) {
            for (String url : List.of("/swagger-ui/index.html", "/api-spec/identity.yaml", "/swagger-ui.html")) {
                client().get().uri(url).cookie("BTOB_SESSION", cookie).exchange()
                        .expectStatus().value(status -> assertThat(status).as(url).isIn(200, 302));
            }
        }
    }

    private void assertServedAsIs(String url, Path file) {
        byte[] served = client().get().uri(url).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        try {
            assertThat(served).as(url).isEqualTo(Files.readAllBytes(file));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Path specDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("api-spec"))) {
                return dir.resolve("api-spec");
            }
        }
        throw new IllegalStateException("No api-spec directory");
    }
}
