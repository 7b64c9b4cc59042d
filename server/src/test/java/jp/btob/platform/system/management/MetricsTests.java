package jp.btob.platform.system.management;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.yaml.snakeyaml.Yaml;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus metrics on the management port, and nothing of actuator beyond the probes on the public one. */
class MetricsTests extends IntegrationTest {

    private static final Path ALERTS = Path.of("docs", "ops", "alerts.yml");

    /** Series Prometheus makes itself for every target rather than reading them from the scrape. */
    private static final Set<String> SYNTHETIC = Set.of("up");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset");

    @LocalManagementPort
    int managementPort;

    @Test
    @DisplayName("[OPS-MON] the management port serves request counts by route template after a call to /me, measured once: Spring Security times none of its filters, authentications or authorizations")
    void prometheusWhenMeCalledThenCountedByRoute() {
        client(login("buyer-admin")).get().uri("/api/v1/me").exchange().expectStatus().isOk();

        assertThat(scrape().lines())
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"/api/v1/me\"") && line.contains("status=\"200\""))
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                        && line.contains("uri=\"/api/v1/me\""))
                .noneMatch(line -> line.startsWith("spring_security_"));
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

        failLogin(fixtures.company("計測テスト株式会社").adminLoginId(), "not the password");
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

    @Test
    @DisplayName("[OPS-MON] docs/ops/alerts.yml is well formed and names only metrics the platform exposes")
    @SuppressWarnings("unchecked")
    void alertsThenWellFormedAndOnExposedMetrics() throws IOException {
        client(login("buyer-admin")).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        Set<String> exposed = names(scrape());
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(alertsFile())) {
            document = new Yaml().load(reader);
        }
        List<Map<String, Object>> groups = (List<Map<String, Object>>) document.get("groups");
        assertThat(groups).isNotEmpty();
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : groups) {
            assertThat(group.get("name")).as("group name").isInstanceOf(String.class);
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                assertThat(alert).as("alert name").isNotBlank();
                alerts.add(alert);
                assertThat(rule.get("expr")).as(alert + " expr").isInstanceOf(String.class);
                assertThat(String.valueOf(rule.get("for"))).as(alert + " for").matches("\\d+[smh]");
                assertThat((Map<String, Object>) rule.get("labels")).as(alert + " labels")
                        .extractingByKey("severity").isIn("warning", "critical");
                assertThat((Map<String, Object>) rule.get("annotations")).as(alert + " annotations")
                        .extractingByKey("summary").asString().isNotBlank();
                Set<String> used = metricNames((String) rule.get("expr"));
                assertThat(used).as(alert + " names a metric").isNotEmpty();
                for (String name : used) {
                    assertThat(exposed.contains(name) || SYNTHETIC.contains(name))
                            .as(alert + " uses " + name + ", which the platform does not expose").isTrue();
                }
            }
        }
        assertThat(alerts).contains("BtobInstanceDown", "BtobHighServerErrorRatio", "BtobHighLatencyP99",
                "BtobLoginFailureSpike", "BtobDatabasePoolExhausted");
    }

    @Test
    @DisplayName("[OPS-MON] the alert rules' metric names are read from PromQL without its functions, labels or ranges")
    void metricNamesThenOnlyMetrics() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (instance, le) (rate(a_bucket{job=\"x\", "
                + "uri!~\"/actuator/.*\"}[5m]))) > 1 and b_total offset 5m / on (instance) up == 0"))
                .containsExactlyInAnyOrder("a_bucket", "b_total", "up");
    }

    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher token = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()").matcher(bare);
        while (token.find()) {
            if (!PROMQL_WORDS.contains(token.group())) {
                names.add(token.group());
            }
        }
        return names;
    }

    private static Path alertsFile() {
        // Surefire runs in the server module; an IDE may run from the repository root.
        return Files.exists(ALERTS) ? ALERTS : Path.of("..").resolve(ALERTS);
    }

    private void failLogin(String loginId, String password) {
        client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange().expectStatus().isUnauthorized();
    }

    private String scrape() {
        // The whole scrape, which outgrows the client's default 256 KiB as the suite adds routes.
        return management().mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
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
        // A scrape after the whole suite, every route with its latency buckets, outgrows the default 256 KiB.
        return publicPort().mutate().baseUrl("https://localhost:" + managementPort)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
    }
}
