package jp.btob.platform.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.order.OrderDraft;
import jp.btob.platform.trade.TradeLines;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order an {@code order-placement} request carries, as its {@code payload} column keeps it:
 * {@code {"quoteId": …}}, or the seller, title, notes and lines with decimals as strings, exact
 * as written.
 */
final class OrderPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private OrderPayload() {
    }

    static String json(OrderDraft draft) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (draft.quoteId() != null) {
            fields.put("quoteId", draft.quoteId().toString());
        } else {
            fields.put("sellerId", draft.sellerId().toString());
            fields.put("title", draft.title());
            if (draft.notes() != null) {
                fields.put("notes", draft.notes());
            }
            fields.put("lines", draft.lines().stream().map(TradeLines::fields).toList());
        }
        return JSON.writeValueAsString(fields);
    }

    @SuppressWarnings("unchecked")
    static OrderDraft parse(String json) {
        Map<String, Object> fields = JSON.readValue(json, OBJECT);
        if (fields.containsKey("quoteId")) {
            return OrderDraft.ofQuote(UUID.fromString((String) fields.get("quoteId")));
        }
        return OrderDraft.of(UUID.fromString((String) fields.get("sellerId")), (String) fields.get("title"),
                (String) fields.get("notes"), ((List<Map<String, String>>) fields.get("lines")).stream()
                        .map(TradeLines::item).toList());
    }
}
