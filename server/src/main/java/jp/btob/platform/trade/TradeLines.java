package jp.btob.platform.trade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCategory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The lines of a trade document as its {@code lines} column keeps them: JSON with decimals as strings, exact as written. */
public final class TradeLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<List<Map<String, String>>> LIST = new TypeReference<>() {
    };

    private TradeLines() {
    }

    public static String json(List<LineItem> lines) {
        return JSON.writeValueAsString(lines.stream().map(TradeLines::fields).toList());
    }

    public static List<LineItem> parse(String json) {
        List<LineItem> lines = new ArrayList<>();
        for (Map<String, String> line : rows(json)) {
            lines.add(item(line));
        }
        return lines;
    }

    /** The stored lines as their fields, for a document that keeps more per line than the item. */
    public static List<Map<String, String>> rows(String json) {
        return JSON.readValue(json, LIST);
    }

    /** The item of a stored line; other fields of the line are left alone. */
    public static LineItem item(Map<String, String> line) {
        return new LineItem(line.get("description"), new BigDecimal(line.get("quantity")), line.get("unit"),
                new BigDecimal(line.get("unitPrice")), TaxCategory.fromValue(line.get("taxCategory")));
    }

    /**
     * A line as a document's history keeps it: its fields, with quantity and unit price as
     * numbers, so that the canonical form writes 12.500 and 12.5 alike, and its amount.
     */
    public static Map<String, Object> document(LineItem line) {
        Map<String, Object> fields = new LinkedHashMap<>(fields(line));
        fields.put("quantity", line.quantity());
        fields.put("unitPrice", line.unitPrice());
        fields.put("amount", line.amount());
        return fields;
    }

    /** Any list of stored lines as JSON. */
    public static String write(List<? extends Map<String, String>> rows) {
        return JSON.writeValueAsString(rows);
    }

    /** A line's fields as text, in a fixed order; the document's canonical form is built from them too. */
    public static Map<String, String> fields(LineItem line) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("description", line.description());
        fields.put("quantity", line.quantity().toPlainString());
        if (line.unit() != null) {
            fields.put("unit", line.unit());
        }
        fields.put("unitPrice", line.unitPrice().toPlainString());
        fields.put("taxCategory", line.taxCategory().value());
        return fields;
    }
}
