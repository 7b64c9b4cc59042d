package jp.btob.platform.system.management;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus metrics on the management port, and nothing of actuator beyond the probes on the public one. */
class MetricsTests extends IntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    @DisplayName("[OPS-MON] the management port serves request counts by route template after a call to /me")
    void prometheusWhenMeCalledThenCountedByRoute() {
        client(login("buyer-admin")).get().uri("/api/v1/me").exchange().expectStatus().isOk();

        assertThat(scrape().lines())
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"/api/v1/me\"") && line.contains("status=\"200\""))
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                        && line.contains("uri=\"/api/v1/me\""));
    }

    @Test
    @DisplayName("[OPS-MON] the management port serves the database pool's use")
    void prometheusThenPoolMetrics() {
        assertThat(names(scrape())).contains("r2dbc_pool_acquired_connections", "r2dbc_pool_allocated_connections",
                "r2dbc_pool_idle_connections", "r2dbc_pool_pending_connections",
                "r2dbc_pool_max_allocated_connections");
    }

    @Test
    @DisplayName("[OPS-MON] a failed login counts in btob_login_failures_total by reason, without the login ID")
    void prometheusWhenLoginFailsThenCountedByReason() {
        String loginId = "nobody-" + UUID.randomUUID();
        double wrongPassword = value(scrape(), "btob_login_failures_total", "WRONG_PASSWORD");
        double unknown = value(scrape(), "btob_login_failures_total", "UNKNOWN_LOGIN_ID");

        failLogin("buyer-admin", "not the password");
        failLogin(loginId, "whatever");

        String after = scrape();
        assertThat(value(after, "btob_login_failures_total", "WRONG_PASSWORD")).isEqualTo(wrongPassword + 1);
        assertThat(value(after, "btob_login_failures_total", "UNKNOWN_LOGIN_ID")).isEqualTo(unknown + 1);
        assertThat(value(after, "btob_login_failures_total", "ACCOUNT_DISABLED")).isGreaterThanOrEqualTo(0);
        assertThat(after).doesNotContain(loginId).doesNotContain("buyer-admin");
    }

    @Test
    @DisplayName("[OPS-MON] a request with an invalid token counts in btob_requests_blocked_total; lockouts are registered at zero")
    void prometheusWhenInvalidTokenThenCountedAsBlocked() {
        double before = value(scrape(), "btob_requests_blocked_total", "INVALID_TOKEN");

        client("not-a-live-session-token").get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();

        String after = scrape();
        assertThat(value(after, "btob_requests_blocked_total", "INVALID_TOKEN")).isEqualTo(before + 1);
        assertThat(names(after)).contains("btob_lockouts_total");
    }

    @Test
    @DisplayName("[OPS-MON] an unknown path is not a uri tag of its own, so scanning cannot multiply the series")
    void prometheusWhenUnknownPathThenNoTagOfItsOwn() {
        String unknown = "/no-such-page-" + UUID.randomUUID();
        publicPort().get().uri(unknown).exchange();
        publicPort().get().uri("/api/v1/companies/" + UUID.randomUUID() + "/nothing").exchange();

        String metrics = scrape();
        assertThat(metrics).doesNotContain(unknown).doesNotContain("/nothing");
        List<String> counts = metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")).toList();
        assertThat(counts).allMatch(line -> !line.contains("uri=\"/no-such") && !line.contains("/nothing\""));
        // The static-files fallback answers an unknown page, under its own pattern.
        assertThat(counts).anyMatch(line -> line.contains("status=\"404\"") && line.contains("uri=\"/**\""));
    }

    @Test
    @DisplayName("[OPS-MON] the public port refuses /actuator/prometheus and every other actuator path but the probes")
    void publicPortWhenActuatorThenRefused() {
        for (String path : List.of("/actuator/prometheus", "/actuator", "/actuator/health", "/actuator/env")) {
            publicPort().get().uri(path).exchange()
                    .expectStatus().value(status -> assertThat(status).as(path).isIn(401, 403, 404))
                    .expectBody(String.class).value(body -> assertThat(body).doesNotContain("_seconds"));
        }
        for (String path : List.of("/livez", "/readyz", "/actuator/health/liveness", "/actuator/health/readiness")) {
            publicPort().get().uri(path).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }

    @Test
    @DisplayName("[OPS-MON] the management port serves the scrape and the probes, and refuses the API")
    void managementPortWhenApiThenRefused() {
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        for (String path : List.of("/api/v1/me", "/swagger-ui.html", "/actuator/env")) {
            management().get().uri(path).exchange()
                    .expectStatus().value(status -> assertThat(status).as(path).isIn(401, 403, 404));
        }
    }

    private void failLogin(String loginId, String password) {
        client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange().expectStatus().isUnauthorized();
    }

    private String scrape() {
        return management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static Set<String> names(String scrape) {
        return scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static double value(String scrape, String name, String reason) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("reason=\"" + reason + "\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + "{reason=\"" + reason + "\"} is not exposed"));
    }

    /** The public HTTPS port, without the spec check: these paths are deliberately not in the spec. */
    private WebTestClient publicPort() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                        .secure(spec -> spec.sslContext(trustingSslContext()))))
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    /** The management server, which shares the public port's TLS settings and certificate. */
    private WebTestClient management() {
        return publicPort().mutate().baseUrl("https://localhost:" + managementPort).build();
    }
}
