package jp.btob.platform.firewall;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The firewall's two test corpora, {@code firewall/attacks.tsv} and
 * {@code firewall/legitimate.jsonl}, read into requests as a client would send them.
 */
final class Corpus {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where an attack payload goes when the location puts it in a JSON body. */
    static final String JSON_PATH = "/api/v1/companies/0b0b0000-0000-4000-8000-000000000001/partners";

    private Corpus() {
    }

    /** One request: its label, method, already-encoded path and query, headers, and body (null for none). */
    record Sample(String label, String kind, String method, String uri, Map<String, String> headers, String body) {
    }

    static List<Sample> attacks() {
        List<Sample> samples = new ArrayList<>();
        int line = 0;
        for (String text : lines("firewall/attacks.tsv")) {
            line++;
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\t", 3);
            if (fields.length != 3) {
                throw new IllegalStateException("attacks.tsv line " + line + " is not class<TAB>location<TAB>payload");
            }
            String kind = fields[0];
            String location = fields[1];
            String payload = unescape(fields[2]);
            String label = "attacks.tsv:" + line + " " + kind + " in " + location + ": " + fields[2];
            Map<String, String> headers = new LinkedHashMap<>();
            samples.add(switch (location) {
                case "query" -> new Sample(label, kind, "GET", "/api/v1/audit?action=" + form(payload), headers, null);
                case "path" -> new Sample(label, kind, "GET", "/api/v1/companies/" + UriUtils.encodePathSegment(payload,
                        StandardCharsets.UTF_8) + "/partners", headers, null);
                case "header" -> {
                    headers.put("X-Note", payload);
                    yield new Sample(label, kind, "GET", "/api/v1/me", headers, null);
                }
                case "cookie" -> {
                    headers.put("Cookie", "pref=" + form(payload));
                    yield new Sample(label, kind, "GET", "/api/v1/me", headers, null);
                }
                case "json" -> {
                    headers.put("Content-Type", "application/json");
                    yield new Sample(label, kind, "POST", JSON_PATH, headers,
                            JSON.writeValueAsString(Map.of("partnerCode", "ZZZZ-9999", "message", payload)));
                }
                case "json-raw" -> {
                    headers.put("Content-Type", "application/json");
                    yield new Sample(label, kind, "POST", JSON_PATH, headers, payload);
                }
                default -> throw new IllegalStateException("attacks.tsv line " + line + ": unknown location " + location);
            });
        }
        return samples;
    }

    /** Each attack's payload as written, escapes undone, before any transport encoding. */
    static List<String> payloads() {
        List<String> payloads = new ArrayList<>();
        for (String text : lines("firewall/attacks.tsv")) {
            if (!text.isBlank() && !text.startsWith("#")) {
                payloads.add(unescape(text.split("\t", 3)[2]));
            }
        }
        return payloads;
    }

    /** Every text of the legitimate requests: paths, query values, header values, body strings. */
    static List<String> legitimateTexts() {
        List<String> texts = new ArrayList<>();
        for (String text : lines("firewall/legitimate.jsonl")) {
            if (!text.isBlank()) {
                collect(JSON.readTree(text), texts);
            }
        }
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isString()) {
            texts.add(node.asString());
        } else if (node.isObject()) {
            node.properties().forEach(property -> {
                texts.add(property.getKey());
                collect(property.getValue(), texts);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, texts));
        }
    }

    static List<Sample> legitimate() {
        List<Sample> samples = new ArrayList<>();
        int line = 0;
        for (String text : lines("firewall/legitimate.jsonl")) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode request = JSON.readTree(text);
            StringBuilder uri = new StringBuilder(request.get("path").asString());
            JsonNode query = request.get("query");
            if (query != null && !query.isNull()) {
                String separator = "?";
                for (Map.Entry<String, JsonNode> parameter : query.properties()) {
                    uri.append(separator).append(form(parameter.getKey())).append('=')
                            .append(form(parameter.getValue().isString() ? parameter.getValue().asString()
                                    : parameter.getValue().toString()));
                    separator = "&";
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode given = request.get("headers");
            if (given != null && !given.isNull()) {
                given.properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
            }
            JsonNode body = request.get("body");
            String content = null;
            if (body != null && !body.isNull()) {
                content = JSON.writeValueAsString(body);
                headers.putIfAbsent("Content-Type", "application/json");
            }
            JsonNode why = request.get("why");
            samples.add(new Sample("legitimate.jsonl:" + line + " " + (why == null ? "" : why.asString()), "legitimate",
                    request.get("method").asString(), uri.toString(), headers, content));
        }
        return samples;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The corpus's escapes: backslash-r, -n, -t and a doubled backslash; anything else is literal. */
    static String unescape(String payload) {
        StringBuilder out = new StringBuilder(payload.length());
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == '\\' && i + 1 < payload.length()) {
                char next = payload.charAt(i + 1);
                switch (next) {
                    case 'r' -> out.append('\r');
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '\\' -> out.append('\\');
                    default -> {
                        out.append(c).append(next);
                    }
                }
                i++;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
