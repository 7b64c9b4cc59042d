package jp.btob.platform.firewall;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector's reading of a JSON body against Jackson's own strict reading: a key given twice
 * (and too deep a body) is found in exactly the bodies where Jackson's strict reading finds it,
 * and a plain value judged on the parser's characters is judged as its string would be.
 */
class RequestInspectorTests {

    private static final JsonFactory STRICT = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build();

    private final RequestInspector inspector = new RequestInspector(32, Set.of());

    @Test
    @DisplayName("[SEC-WAF] a key given twice, and too deep a body, is found where Jackson's strict duplicate detection finds it and nowhere else: at the root, nested, past the first keys, after a nested object closes, in siblings, in bodies broken or cut short right after it, and in 2 000 random bodies, whole, cut short and broken")
    void bodyWhenKeyTwiceThenSameAsStrictJackson() {
        List<String> bodies = new ArrayList<>(List.of(
                "{\"a\":1,\"a\":2}",
                "{\"a\":{\"b\":1,\"b\":2}}",
                "{\"a\":{\"a\":1},\"b\":{\"a\":1}}",
                "{\"a\":{\"b\":1},\"a\":2}",
                "[{\"a\":1},{\"a\":1}]",
                "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k1\":0}",
                "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":{\"k1\":1},\"k11\":1}",
                "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"n\":{\"x\":1,\"x\":2}}",
                "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":{},\"k9\":1}",
                "{\"lines\":[{\"a\":1,\"b\":2},{\"a\":1,\"b\":2,\"c\":{\"a\":1}}],\"lines\":[]}",
                "{\"a\":1} {\"a\":2}",
                "{\"a\":1,\"a\":",
                "{\"a\":1,\"a\":x}",
                "{\"a\":1,\"a\":tru}",
                "{\"a\":1,\"a\":" + "1".repeat(2_000) + "}",
                "{\"a\":1,\"b\":" + "1".repeat(2_000) + ",\"b\":2}",
                "{\"a\":" + "[".repeat(40) + "]".repeat(40) + ",\"a\":1}",
                "{\"a\":1,\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"));
        Random random = new Random(20261127L);
        for (int sample = 0; sample < 2_000; sample++) {
            String body = randomObject(random, 0);
            bodies.add(body);
            // Cut short or broken, where the reading stops and whether a key was given twice before.
            int cut = random.nextInt(body.length() + 1);
            bodies.add(body.substring(0, cut));
            bodies.add(body.substring(0, cut) + "x" + body.substring(cut));
        }
        int twice = 0;
        for (String body : bodies) {
            Optional<Finding> expected = strictly(body);
            assertThat(inspector.body(body.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON)).as(body).isEqualTo(expected);
            twice += expected.filter(finding -> finding.matched().startsWith("Duplicate")).isPresent() ? 1 : 0;
        }
        assertThat(twice).as("bodies with a key twice").isGreaterThan(300);
    }

    @Test
    @DisplayName("[SEC-WAF] a value is plain on the parser's characters exactly when its string is plain, for every payload and legitimate text and for each of their substrings of up to 12 characters")
    void plainWhenCharactersThenSameAsString() {
        List<String> values = new ArrayList<>(Corpus.payloads());
        values.addAll(Corpus.legitimateTexts());
        values.addAll(List.of("", "a", "a.b", "a..b", "a-", "a--", "x@y.jp", "２０２７", "abc_def:1,2", "a.", "."));
        int plain = 0;
        for (String value : values) {
            for (int from = 0; from <= Math.min(value.length(), 40); from++) {
                for (int to = from; to <= Math.min(value.length(), from + 12); to++) {
                    String part = value.substring(from, to);
                    char[] padded = ("#" + part + "-").toCharArray();
                    boolean expected = Normaliser.plain(part);
                    assertThat(Normaliser.plain(padded, 1, 1 + part.length())).as(part).isEqualTo(expected);
                    plain += expected ? 1 : 0;
                }
            }
        }
        assertThat(plain).as("plain parts").isGreaterThan(1_000);
    }

    /** What Jackson's strict reading finds in a body of plain names and values: a key twice, too deep a body, or nothing. */
    private static Optional<Finding> strictly(String body) {
        try (JsonParser parser = STRICT.createParser(ObjectReadContext.empty(), body.getBytes(StandardCharsets.UTF_8))) {
            while (parser.nextToken() != null) {
                // Read to the end.
            }
            return Optional.empty();
        } catch (StreamConstraintsException e) {
            return Optional.of(new Finding(FirewallRule.PROTOCOL, Part.BODY, "body", "JSON nested deeper than 32 levels"));
        } catch (JacksonException e) {
            String message = String.valueOf(e.getOriginalMessage());
            return message.startsWith("Duplicate") ? Optional.of(new Finding(FirewallRule.PROTOCOL, Part.BODY, "body", message))
                    : Optional.empty();
        }
    }

    /** An object of up to 12 keys from a small set, so that some repeat, with nested objects and arrays. */
    private static String randomObject(Random random, int depth) {
        StringBuilder json = new StringBuilder("{");
        int keys = random.nextInt(13);
        for (int key = 0; key < keys; key++) {
            json.append(key > 0 ? "," : "").append("\"k").append(random.nextInt(depth == 0 ? 40 : 14)).append("\":");
            int kind = depth < 3 ? random.nextInt(4) : 0;
            if (kind == 1) {
                json.append(randomObject(random, depth + 1));
            } else if (kind == 2) {
                json.append('[').append(randomObject(random, depth + 1)).append(',').append(randomObject(random, depth + 1)).append(']');
            } else {
                json.append("\"v\"");
            }
        }
        return json.append('}').toString();
    }
}
