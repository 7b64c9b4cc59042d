package jp.btob.platform.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What every problem answer must look like, and must never contain. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** The problem shape every error shares, and nothing a client should never see. */
    public static void assertProblem(WebTestClient.BodyContentSpec body, String type, int status) {
        body.jsonPath("$.type").isEqualTo(type)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.traceId").value(traceId -> assertThat((String) traceId).matches("[0-9a-f]{32}"))
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist();
        body.consumeWith(result -> assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
                .doesNotContain("\tat ", "java.", "jp.btob", "SELECT ", "org.springframework"));
    }

    /** The two problems say exactly the same, apart from what identifies the request. */
    public static void assertSameProblem(Map<String, Object> actual, Map<String, Object> expected) {
        Map<String, Object> a = new LinkedHashMap<>(actual);
        Map<String, Object> e = new LinkedHashMap<>(expected);
        List.of("traceId", "instance").forEach(key -> {
            a.remove(key);
            e.remove(key);
        });
        assertThat(a).isEqualTo(e);
    }
}
