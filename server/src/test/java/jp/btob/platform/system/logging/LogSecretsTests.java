package jp.btob.platform.system.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.system.trace.TraceIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/** No password, token, key, query string or body reaches the logs, whatever the caller sends. */
@ExtendWith(OutputCaptureExtension.class)
class LogSecretsTests extends IntegrationTest {

    @Autowired
    LoggingProperties logs;

    @Test
    @DisplayName("[OPS-LOG] the scan finds a secret that is logged: a planted canary on the access logger shows up")
    void secretLoggedThenScanFindsIt(CapturedOutput output) {
        String canary = "Zz9!planted-canary-" + UUID.randomUUID();

        LoggerFactory.getLogger(AccessLogFilter.LOGGER).info("canary {}", canary);

        assertThat(AccessLines.appears(output, canary)).as("the scan sees what the async console writes").isTrue();
        assertThat(LogFileText.appears(logs.dir(), canary)).as("the scan sees what the async file appender writes").isTrue();
    }

    @Test
    @DisplayName("[OPS-LOG] planted passwords, tokens (bearer and cookie), API keys, query strings and body fields appear nowhere in the logs, console or file")
    void secretsSentThenNoneLogged(CapturedOutput output) {
        String password = "Zz9!planted-password-" + UUID.randomUUID();
        String apiKey = "planted-api-key-" + UUID.randomUUID();
        String forgedBearer = "planted-bearer-" + UUID.randomUUID();
        String query = "planted-query-" + UUID.randomUUID();
        String bodyField = "planted-body-" + UUID.randomUUID();
        String pathSecret = "planted-path-" + UUID.randomUUID();

        List<String> traces = new ArrayList<>();
        traces.add(trace(raw().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "buyer-admin", "password", password))
                .exchange().expectStatus().isUnauthorized().expectBody().returnResult()));
        EntityExchangeResult<Map> login = raw().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "buyer-admin", "password", DemoData.PASSWORD,
                        "note", bodyField))
                .exchange().expectBody(Map.class).returnResult();
        traces.add(trace(login));
        String token = (String) login.getResponseBody().get("token");
        assertThat(token).as("the login with an extra body field succeeds").isNotBlank();
        traces.add(trace(raw().get().uri("/api/v1/me?secret=" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Api-Key", apiKey)
                .exchange().expectStatus().isOk().expectBody().returnResult()));
        traces.add(trace(raw().get().uri("/api/v1/me")
                .cookie("BTOB_SESSION", token)
                .exchange().expectStatus().isOk().expectBody().returnResult()));
        traces.add(trace(raw().get().uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + forgedBearer)
                .exchange().expectStatus().isUnauthorized().expectBody().returnResult()));
        traces.add(trace(raw().get().uri("/api/v1/" + pathSecret + "?secret=" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isNotFound().expectBody().returnResult()));
        traces.add(trace(raw().post().uri("/api/v1/auth/logout")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectBody().returnResult()));

        traces.forEach(traceId -> assertThat(AccessLines.of(output, traceId)).hasSize(1));
        assertThat(output.getAll()).doesNotContain(password, token, apiKey, forgedBearer, query, bodyField, pathSecret);
        // Once the file holds every request's access line, it holds all that they logged.
        traces.forEach(traceId -> assertThat(LogFileText.appears(logs.dir(), traceId)).isTrue());
        assertThat(LogFileText.of(logs.dir()))
                .doesNotContain(password, token, apiKey, forgedBearer, query, bodyField, pathSecret);
    }

    /** A client without the spec check: these requests are meant to carry what the spec does not allow. */
    private WebTestClient raw() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                        .secure(spec -> spec.sslContext(trustingSslContext()))))
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    private static String trace(EntityExchangeResult<?> result) {
        return result.getResponseHeaders().getFirst(TraceIds.HEADER);
    }
}
