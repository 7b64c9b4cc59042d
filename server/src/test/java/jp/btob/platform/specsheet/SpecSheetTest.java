package jp.btob.platform.specsheet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.TradeTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tests of spec sheets between two connected companies, with the steps of a sheet's life. */
public abstract class SpecSheetTest extends TradeTest {

    protected static Map<String, Object> requestFor(Object sellerId, String productName) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("sellerId", sellerId.toString());
        request.put("productName", productName);
        request.put("productCode", "4912345678901");
        request.put("note", "新規取扱いの検討のため、規格書をお願いします。");
        return request;
    }

    protected static WebTestClient.ResponseSpec requesting(WebTestClient client, Map<String, Object> body) {
        return client.post().uri("/api/v1/spec-sheets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    /** The trade's buyer asks its seller for the sheet of a product; answers the sheet. */
    protected static Map<String, Object> request(Trade trade, String productName) {
        return requesting(trade.asBuyer(), requestFor(trade.seller().id(), productName)).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** A complete sheet: milk and egg, soybean and gelatin, five nutrition facts, made in Japan. */
    protected static Map<String, Object> content() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("productName", "北海道ミルクプリン");
        content.put("productCode", "4912345678901");
        content.put("ingredients", List.of(ingredient("牛乳", "62.5", "北海道"), ingredient("砂糖", "15", null),
                ingredient("卵黄", null, null), ingredient("ゼラチン", "1.2", null)));
        content.put("allergens", allergens(List.of("milk", "egg"), List.of("soybean", "gelatin")));
        content.put("nutrition", nutrition("120", "2.5", "4.8", "16.3", "0.12"));
        content.put("countryOfOrigin", "JP");
        content.put("plant", Map.of("name", "株式会社サンプル食品 札幌工場", "address", "北海道札幌市中央区北1条西1丁目"));
        return content;
    }

    protected static Map<String, Object> ingredient(String name, String percentage, String origin) {
        Map<String, Object> ingredient = new LinkedHashMap<>();
        ingredient.put("name", name);
        if (percentage != null) {
            ingredient.put("percentage", percentage);
        }
        if (origin != null) {
            ingredient.put("origin", origin);
        }
        return ingredient;
    }

    protected static Map<String, Object> allergens(List<String> mandatory, List<String> recommended) {
        return Map.of("mandatory", mandatory, "recommended", recommended);
    }

    protected static Map<String, Object> nutrition(String energy, String protein, String fat, String carbohydrate,
                                                   String salt) {
        return Map.of("energyKcal", energy, "protein", protein, "fat", fat, "carbohydrate", carbohydrate,
                "saltEquivalent", salt);
    }

    /** The content with one part replaced (removed when {@code value} is null). */
    protected static Map<String, Object> contentWith(String part, Object value) {
        Map<String, Object> content = content();
        if (value == null) {
            content.remove(part);
        } else {
            content.put(part, value);
        }
        return content;
    }

    /** Writes the content at the version given (no If-Match when null). */
    protected static WebTestClient.ResponseSpec writing(WebTestClient client, Object id, Object version, Object content) {
        WebTestClient.RequestBodySpec request = client.put().uri("/api/v1/spec-sheets/{id}/content", id);
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        return request.contentType(MediaType.APPLICATION_JSON).bodyValue(content).exchange();
    }

    /** Writes the content, which must succeed; answers the sheet after it. */
    protected static Map<String, Object> written(WebTestClient client, Map<String, Object> sheet, Object content) {
        return writing(client, sheet.get("id"), sheet.get("version"), content).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** Takes an action on a sheet at the version given (no If-Match when null), with the body given (none when null). */
    protected static WebTestClient.ResponseSpec step(WebTestClient client, Object id, String action, Object version,
                                                     Object body) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/spec-sheets/{id}/{action}", id, action);
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return request.exchange();
    }

    /** Takes an action that must succeed at the sheet's version; answers the sheet after it. */
    protected static Map<String, Object> stepped(WebTestClient client, Map<String, Object> sheet, String action,
                                                 Object body) {
        return step(client, sheet.get("id"), action, sheet.get("version"), body).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** The body an action takes: comments for a return, a reason for a cancellation, none otherwise. */
    protected static Object bodyOf(String action) {
        return switch (action) {
            case "return" -> Map.of("comments", "原材料の配合割合を記載してください。");
            case "cancel" -> reason("取扱いを見送ります。");
            default -> null;
        };
    }

    protected static Map<String, Object> getSheet(WebTestClient client, Object id) {
        return client.get().uri("/api/v1/spec-sheets/{id}", id).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    protected static WebTestClient.ResponseSpec revision(WebTestClient client, Object id, int revision) {
        return client.get().uri("/api/v1/spec-sheets/{id}/revisions/{revision}", id, revision).exchange();
    }

    protected static WebTestClient.ResponseSpec history(WebTestClient client, Object id) {
        return client.get().uri("/api/v1/documents/spec-sheet/{id}/history", id).exchange();
    }

    /**
     * A new sheet with complete content, brought to this state by the API: a returned one was
     * submitted once, so that every action of the table can be taken from every state.
     */
    protected Map<String, Object> inState(Trade trade, String state) {
        Map<String, Object> sheet = written(trade.asSeller(), request(trade, "状態別の製品"), content());
        return switch (state) {
            case "REQUESTED" -> sheet;
            case "CANCELLED" -> stepped(trade.asBuyer(), sheet, "cancel", bodyOf("cancel"));
            default -> {
                Map<String, Object> submitted = stepped(trade.asSeller(), sheet, "submit", null);
                yield switch (state) {
                    case "SUBMITTED" -> submitted;
                    case "RETURNED" -> stepped(trade.asBuyer(), submitted, "return", bodyOf("return"));
                    case "APPROVED" -> stepped(trade.asBuyer(), submitted, "approve", null);
                    default -> throw new IllegalArgumentException(state);
                };
            }
        };
    }
}
