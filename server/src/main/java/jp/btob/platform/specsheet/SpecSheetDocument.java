package jp.btob.platform.specsheet;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** A spec sheet as its history keeps it: everything both parties wrote or were told, nothing of how it is stored. */
final class SpecSheetDocument {

    private SpecSheetDocument() {
    }

    static Map<String, Object> of(SpecSheetRow sheet) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", sheet.id());
        document.put("sellerId", sheet.seller().id());
        document.put("buyerId", sheet.buyer().id());
        document.put("status", sheet.status().getValue());
        document.put("revision", sheet.revision());
        document.put("productName", sheet.productName());
        document.put("productCode", sheet.productCode());
        document.put("dueDate", sheet.dueDate());
        document.put("note", sheet.note());
        document.put("content", content(sheet.content()));
        document.put("responseNote", sheet.responseNote());
        return document;
    }

    /** The content with its decimals as numbers, so that the canonical form writes 12.50 and 12.5 alike. */
    private static Map<String, Object> content(SpecContent content) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("productName", content.productName());
        fields.put("productCode", content.productCode());
        if (content.ingredients() != null) {
            fields.put("ingredients", content.ingredients().stream().map(item -> {
                Map<String, Object> ingredient = new LinkedHashMap<>();
                ingredient.put("name", item.name());
                ingredient.put("percentage", decimal(item.percentage()));
                ingredient.put("origin", item.origin());
                return ingredient;
            }).toList());
        }
        if (content.allergens() != null) {
            fields.put("allergens", Map.of("mandatory", content.allergens().mandatory(),
                    "recommended", content.allergens().recommended()));
        }
        if (content.nutrition() != null) {
            SpecContent.Nutrition facts = content.nutrition();
            fields.put("nutrition", Map.of("energyKcal", decimal(facts.energyKcal()),
                    "protein", decimal(facts.protein()),
                    "fat", decimal(facts.fat()), "carbohydrate", decimal(facts.carbohydrate()),
                    "saltEquivalent", decimal(facts.saltEquivalent())));
        }
        fields.put("countryOfOrigin", content.countryOfOrigin());
        if (content.plant() != null) {
            fields.put("plant", Map.of("name", content.plant().name(), "address", content.plant().address()));
        }
        return fields;
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
