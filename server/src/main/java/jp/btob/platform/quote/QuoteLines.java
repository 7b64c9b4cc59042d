package jp.btob.platform.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCategory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The lines of a quote as the {@code lines} column keeps them: JSON with decimals as strings, exact as written. */
final class QuoteLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<List<Map<String, String>>> LIST = new TypeReference<>() {
    };

    private QuoteLines() {
    }

    static String json(List<LineItem> lines) {
        return JSON.writeValueAsString(lines.stream().map(QuoteLines::fields).toList());
    }

    static List<LineItem> parse(String json) {
        List<LineItem> lines = new ArrayList<>();
        for (Map<String, String> line : JSON.readValue(json, LIST)) {
            lines.add(new LineItem(line.get("description"), new BigDecimal(line.get("quantity")), line.get("unit"),
                    new BigDecimal(line.get("unitPrice")), TaxCategory.fromValue(line.get("taxCategory"))));
        }
        return lines;
    }

    /** A line's fields as text, in a fixed order; the document's canonical form is built from them too. */
    static Map<String, String> fields(LineItem line) {
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
