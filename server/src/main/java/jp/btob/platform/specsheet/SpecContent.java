package jp.btob.platform.specsheet;

import java.util.List;

/**
 * What a seller writes in a spec sheet; any part is null until written. Decimals are kept as
 * written, allergens as the spec's values.
 */
record SpecContent(String productName, String productCode, List<Ingredient> ingredients, Allergens allergens,
                   Nutrition nutrition, String countryOfOrigin, Plant plant) {

    SpecContent {
        ingredients = ingredients == null ? null : List.copyOf(ingredients);
    }

    /** The content a new request starts with: the product as the buyer named it. */
    static SpecContent of(String productName, String productCode) {
        return new SpecContent(productName, productCode, null, null, null, null, null);
    }

    /** One ingredient, in the label's order; {@code percentage} and {@code origin} may be null. */
    record Ingredient(String name, String percentage, String origin) {
    }

    /** The allergens contained, by group; an empty list states none of the group. */
    record Allergens(List<String> mandatory, List<String> recommended) {

        Allergens {
            mandatory = List.copyOf(mandatory);
            recommended = List.copyOf(recommended);
        }
    }

    /** The five nutrition facts of a label, per 100 g. */
    record Nutrition(String energyKcal, String protein, String fat, String carbohydrate, String saltEquivalent) {
    }

    /** The manufacturing plant (製造所). */
    record Plant(String name, String address) {
    }
}
