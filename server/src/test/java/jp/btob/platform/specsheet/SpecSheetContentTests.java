package jp.btob.platform.specsheet;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The content of a spec sheet: its rules, each refusal naming the field, and completeness at submission. */
class SpecSheetContentTests extends SpecSheetTest {

    @Test
    @DisplayName("[SVC-SPEC] content against the rules answers 422 naming the field and changes nothing: an allergen named twice, a percentage over 100, percentages adding up over 100, nutrition masses over 100 g, an unknown country")
    void contentWhenAgainstRulesThenUnprocessableNamingField() {
        Trade trade = trade("規格書内容");
        Map<String, Object> sheet = request(trade, "検証の製品");
        unprocessable(trade, sheet, contentWith("allergens", allergens(List.of("milk", "egg", "milk"), List.of())),
                "allergens.mandatory[2]");
        unprocessable(trade, sheet, contentWith("allergens", allergens(List.of(), List.of("sesame", "sesame"))),
                "allergens.recommended[1]");
        unprocessable(trade, sheet, contentWith("ingredients", List.of(ingredient("牛乳", "100.5", null))),
                "ingredients[0].percentage");
        unprocessable(trade, sheet, contentWith("ingredients", List.of(ingredient("牛乳", "70", null),
                ingredient("砂糖", null, null), ingredient("生クリーム", "30.001", null))), "ingredients");
        unprocessable(trade, sheet, contentWith("nutrition", nutrition("900", "40", "50", "10", "0.5")), "nutrition");
        unprocessable(trade, sheet, contentWith("countryOfOrigin", "XX"), "countryOfOrigin");
        assertThat(getSheet(trade.asBuyer(), sheet.get("id"))).isEqualTo(sheet);

        Map<String, Object> exact = written(trade.asSeller(), sheet, contentWith("ingredients",
                List.of(ingredient("牛乳", "70", null), ingredient("生クリーム", "30", null))));
        assertThat(((Map<?, ?>) exact.get("content")).get("ingredients")).isEqualTo(List.of(
                Map.of("name", "牛乳", "percentage", "70"), Map.of("name", "生クリーム", "percentage", "30")));
    }

    @Test
    @DisplayName("[SVC-SPEC] content the schema refuses answers 400 naming the field: a negative or malformed nutrition value or percentage, a mandatory allergen given as a recommended one and the reverse, a lower-case country, a plant without address")
    void contentWhenAgainstSchemaThenBadRequestNamingField() {
        Trade trade = trade("規格書形式");
        Map<String, Object> sheet = request(trade, "形式の製品");
        invalid(trade, sheet, contentWith("nutrition", nutrition("120", "-1", "4.8", "16.3", "0.12")), "nutrition.protein");
        invalid(trade, sheet, contentWith("nutrition", nutrition("1e3", "2.5", "4.8", "16.3", "0.12")),
                "nutrition.energyKcal");
        invalid(trade, sheet, contentWith("ingredients", List.of(ingredient("牛乳", "-5", null))),
                "ingredients[0].percentage");
        invalid(trade, sheet, contentWith("allergens", allergens(List.of("soybean"), List.of())), "allergens.mandatory");
        invalid(trade, sheet, contentWith("allergens", allergens(List.of(), List.of("wheat"))), "allergens.recommended");
        invalid(trade, sheet, contentWith("countryOfOrigin", "jp"), "countryOfOrigin");
        invalid(trade, sheet, contentWith("plant", Map.of("name", "工場")), "plant.address");
        assertThat(getSheet(trade.asBuyer(), sheet.get("id"))).isEqualTo(sheet);
    }

    @Test
    @DisplayName("[SVC-SPEC] every one of the 8 mandatory and 20 recommended allergens of Japanese labelling is accepted, kept in the order written (here the table's reversed for the mandatory ones), and an empty list states none")
    void allergensWhenEveryValueThenKeptInOrder() {
        Trade trade = trade("規格書アレルゲン");
        List<String> mandatory = List.of("peanut", "milk", "egg", "buckwheat", "wheat", "walnut", "crab", "shrimp");
        List<String> recommended = List.of("almond", "abalone", "squid", "salmon-roe", "orange", "cashew-nut",
                "kiwifruit", "beef", "sesame", "salmon", "mackerel", "soybean", "chicken", "banana", "pork",
                "macadamia-nut", "peach", "yam", "apple", "gelatin");
        Map<String, Object> every = written(trade.asSeller(), request(trade, "全アレルゲンの製品"),
                contentWith("allergens", allergens(mandatory, recommended)));
        assertThat(((Map<?, ?>) every.get("content")).get("allergens"))
                .isEqualTo(Map.of("mandatory", mandatory, "recommended", recommended));
        Map<String, Object> none = written(trade.asSeller(), every, contentWith("allergens", allergens(List.of(), List.of())));
        assertThat(stepped(trade.asSeller(), none, "submit", null)).containsEntry("status", "SUBMITTED");
    }

    @Test
    @DisplayName("[SVC-SPEC] a sheet is submitted complete: each missing part answers 422 naming it, and the sheet stays as it was; the content replaces the whole content")
    void submitWhenIncompleteThenUnprocessableNamingMissingPart() {
        Trade trade = trade("規格書不足");
        Map<String, Object> sheet = request(trade, "不足の製品");
        assertProblem(step(trade.asSeller(), sheet.get("id"), "submit", sheet.get("version"), null).expectStatus()
                .isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("ingredients"),
                "/problems/unprocessable", 422);
        for (String part : List.of("productCode", "ingredients", "allergens", "nutrition", "countryOfOrigin", "plant")) {
            sheet = written(trade.asSeller(), sheet, contentWith(part, null));
            assertProblem(step(trade.asSeller(), sheet.get("id"), "submit", sheet.get("version"), null).expectStatus()
                    .isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo(part),
                    "/problems/unprocessable", 422);
        }
        assertThat(getSheet(trade.asBuyer(), sheet.get("id"))).containsEntry("status", "REQUESTED")
                .containsEntry("revision", 0);
    }

    private static void unprocessable(Trade trade, Map<String, Object> sheet, Object content, String field) {
        assertProblem(writing(trade.asSeller(), sheet.get("id"), sheet.get("version"), content).expectStatus()
                .isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo(field), "/problems/unprocessable", 422);
    }

    private static void invalid(Trade trade, Map<String, Object> sheet, Object content, String field) {
        WebTestClient.BodyContentSpec problem = writing(trade.asSeller(), sheet.get("id"), sheet.get("version"), content)
                .expectStatus().isBadRequest().expectBody();
        assertProblem(problem, "/problems/validation", 400);
        problem.jsonPath("$.errors[0].field").value(name -> assertThat((String) name).startsWith(field));
    }
}
