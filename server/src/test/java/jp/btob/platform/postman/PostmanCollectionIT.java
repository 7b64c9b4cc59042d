package jp.btob.platform.postman;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jp.btob.platform.support.TestDatabase;
import jp.btob.platform.support.TrustedCertificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Postman collection's smoke folder, run by newman against the server as it ships: the jar
 * that {@code package} built, started with {@code java -jar} on free ports, a fresh database of
 * its own and the demo data, over HTTPS with the self-signed certificate it made in its data
 * directory (given to newman with {@code --ssl-extra-ca-certs}). Any failed assertion fails the
 * build, named. Failsafe runs it in {@code integration-test}, after the jar is packaged.
 */
class PostmanCollectionIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final Duration NEWMAN_TIMEOUT = Duration.ofMinutes(5);

    @Test
    @DisplayName("[PLT-POSTMAN] newman runs the collection's smoke folder against the packaged server with no failure")
    void smokeFolderThenEveryAssertionPasses(@TempDir Path dataDir) throws Exception {
        Path root = PostmanCollectionTests.ROOT;
        Path newman = root.resolve("node_modules/.bin/newman");
        assertThat(Files.isExecutable(newman)).as(newman + " is missing: run npm ci in " + root).isTrue();
        Path jar = packagedJar(root.resolve("server/target"));
        Path target = root.resolve("server/target");
        Path serverLog = target.resolve("postman-server.log");
        int port = freePort();
        int managementPort = freePort();

        String database = TestDatabase.create("postman");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--btob.http.redirect-port=",
                "--btob.data-dir=" + dataDir,
                "--btob.demo.seed=true",
                "--btob.rate-limit.redis-url=",
                "--btob.log.format=plain"));
        if (database != null) {
            command.add("--btob.db.url=" + TestDatabase.r2dbcUrl(database));
            command.add("--btob.db.password=" + TestDatabase.password());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(serverLog.toFile());
        // The server is told everything on its command line; no setting of this machine's environment leaks in.
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("BTOB_") || name.startsWith("SPRING_"));
        Process server = builder.start();
        try {
            Path certificate = dataDir.resolve("tls/localhost.crt");
            awaitReady(server, certificate, port, serverLog);
            runNewman(root, newman, certificate, port, target);
        }
        finally {
            stop(server);
            if (database != null) {
                TestDatabase.drop(database);
            }
        }
    }

    private static void runNewman(Path root, Path newman, Path certificate, int port, Path target) throws Exception {
        Path report = target.resolve("newman.json");
        Path output = target.resolve("newman.txt");
        Files.deleteIfExists(report);
        Process run = new ProcessBuilder(newman.toString(), "run",
                "postman/btob-platform.postman_collection.json",
                "-e", "postman/btob-platform.postman_environment.json",
                "--folder", "smoke",
                "--env-var", "baseUrl=https://localhost:" + port,
                "--ssl-extra-ca-certs", certificate.toString(),
                "--color", "off",
                "--reporters", "cli,json",
                "--reporter-json-export", report.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!run.waitFor(NEWMAN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail("newman did not finish within " + NEWMAN_TIMEOUT + "; its output: " + output);
            }
        }
        finally {
            run.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(printed);
        if (run.exitValue() != 0) {
            fail("newman exited with " + run.exitValue() + "; failures:\n" + failures(report) + "\nits output: " + output);
        }
        JsonNode stats = JSON.readTree(report.toFile()).at("/run/stats");
        assertThat(stats.at("/requests/total").asInt()).as("requests newman sent").isGreaterThanOrEqualTo(10);
        assertThat(stats.at("/assertions/failed").asInt()).isZero();
        assertThat(stats.at("/assertions/total").asInt()).as("assertions newman made").isGreaterThanOrEqualTo(30);
    }

    /** Each failure of the report as "request: test: message". */
    private static String failures(Path report) throws IOException {
        if (!Files.exists(report)) {
            return "(no report written)";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode failure : JSON.readTree(report.toFile()).at("/run/failures")) {
            lines.add("- " + failure.at("/source/name").asString() + ": " + failure.at("/error/test").asString()
                    + ": " + failure.at("/error/message").asString());
        }
        return String.join("\n", lines);
    }

    /** Waits until the server answers its readiness probe over HTTPS, trusting only the certificate it made. */
    private static void awaitReady(Process server, Path certificate, int port, Path serverLog) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpClient client = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                fail("the server stopped with " + server.exitValue() + ":\n" + tail(serverLog));
            }
            if (client == null && Files.isRegularFile(certificate) && Files.size(certificate) > 0) {
                client = HttpClient.newBuilder().sslContext(TrustedCertificate.sslContext(certificate))
                        .connectTimeout(Duration.ofSeconds(2)).build();
            }
            if (client != null) {
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                                    URI.create("https://localhost:" + port + "/readyz"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                }
                catch (IOException notYet) {
                    // Not listening yet.
                }
            }
            Thread.sleep(500);
        }
        fail("the server was not ready within " + START_TIMEOUT + ":\n" + tail(serverLog));
    }

    /** The repackaged (executable) jar of this build. */
    private static Path packagedJar(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().matches("btob-server-.*\\.jar"))
                    .filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
                    .toList();
            assertThat(jars).as("the packaged server in " + target + " (run the package phase first)").hasSize(1);
            return jars.get(0);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Stops the server and whatever it started, forcibly if it does not stop within 20 seconds. */
    private static void stop(Process server) throws InterruptedException {
        List<ProcessHandle> descendants = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
