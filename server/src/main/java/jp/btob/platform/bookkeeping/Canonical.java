package jp.btob.platform.bookkeeping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON of a document version, the text its hash covers. One form, so that the same
 * document always gives the same bytes: objects with their keys sorted (Java's {@code String}
 * order), no whitespace, every scalar a JSON string (numbers in plain decimal notation, without
 * exponent or trailing zeros, booleans as {@code "true"}/{@code "false"}), null members left out,
 * arrays in their order; encoded as UTF-8, non-ASCII characters written as themselves.
 */
final class Canonical {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Canonical() {
    }

    static String json(Map<String, ?> document) {
        return JSON.writeValueAsString(normalised(document));
    }

    private static Object normalised(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((key, member) -> {
                if (member != null) {
                    sorted.put(String.valueOf(key), normalised(member));
                }
            });
            return sorted;
        }
        if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>(items.size());
            items.forEach(item -> list.add(item == null ? null : normalised(item)));
            return list;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            throw new IllegalArgumentException("Binary floating point has no canonical decimal form: " + value);
        }
        return String.valueOf(value);
    }
}
