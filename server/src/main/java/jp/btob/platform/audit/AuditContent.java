package jp.btob.platform.audit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jp.btob.platform.system.Sha256;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical serialisation of an event, the bytes its hash covers: JSON with its keys in a
 * fixed order and the keys of {@code details} sorted, so that the same facts always give the
 * same content.
 */
final class AuditContent {

    /** Raised when the form of the content changes, so that old events still verify. */
    private static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private AuditContent() {
    }

    static String render(AuditFacts facts) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("v", VERSION);
        content.put("companyId", text(facts.companyId()));
        content.put("occurredAt", facts.occurredAt().toString());
        content.put("actorType", facts.actorType().getValue());
        content.put("actorId", text(facts.actorId()));
        content.put("action", facts.action());
        content.put("targetType", facts.targetType());
        content.put("targetId", text(facts.targetId()));
        content.put("outcome", facts.outcome().getValue());
        content.put("sourceAddress", facts.sourceAddress());
        content.put("traceId", facts.traceId());
        content.put("details", facts.details() == null ? null : sorted(facts.details()));
        return JSON.writeValueAsString(content);
    }

    /** The details as the jsonb column keeps them, or null. */
    static String details(Map<String, Object> details) {
        return details == null ? null : JSON.writeValueAsString(sorted(details));
    }

    static Map<String, Object> parseDetails(String json) {
        return json == null ? null : JSON.readValue(json, MAP);
    }

    /**
     * Whether the content says what the columns say. Compared as JSON trees, so that a change
     * in how numbers or characters are written cannot make an intact event look tampered with.
     */
    static boolean says(String content, AuditFacts facts) {
        try {
            return JSON.readTree(content).equals(JSON.readTree(render(facts)));
        }
        catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** The link: SHA-256 of the previous event's hash (none for the first) and the content as UTF-8. */
    static byte[] hash(byte[] previous, String content) {
        return Sha256.of(previous, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> keysSorted = new TreeMap<>();
            map.forEach((key, inner) -> keysSorted.put(Objects.toString(key), sorted(inner)));
            return keysSorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AuditContent::sorted).toList();
        }
        return value;
    }
}
