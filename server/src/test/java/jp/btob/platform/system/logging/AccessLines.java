package jp.btob.platform.system.logging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.test.system.CapturedOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/** Reads the access log back from the captured console, where Logback's async appender writes it a moment later. */
final class AccessLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AccessLines() {
    }

    /** The console's JSON lines; fails on any line that is not one JSON object. */
    static List<JsonNode> jsonLines(CapturedOutput output) {
        return output.getOut().lines()
                .filter(line -> !line.isBlank())
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    }
                    catch (RuntimeException ex) {
                        throw new AssertionError("Not a JSON log line: " + line, ex);
                    }
                })
                .toList();
    }

    /** The access lines of one request, waiting until at least one has been written. */
    static List<JsonNode> of(CapturedOutput output, String traceId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> lines(output, traceId), lines -> !lines.isEmpty());
    }

    /** Whether the text shows up on the console within the time the async appender needs. */
    static boolean appears(CapturedOutput output, String text) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(text), found -> found);
    }

    private static List<JsonNode> lines(CapturedOutput output, String traceId) {
        return output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains(traceId))
                .map(JSON::readTree)
                .filter(node -> AccessLogFilter.LOGGER.equals(node.path("log").path("logger").asString()))
                .filter(node -> traceId.equals(node.path("trace").path("id").asString()))
                .toList();
    }
}
