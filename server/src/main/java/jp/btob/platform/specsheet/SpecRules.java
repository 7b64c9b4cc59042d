package jp.btob.platform.specsheet;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import jp.btob.platform.system.problem.UnprocessableFieldException;

/**
 * The rules of a spec sheet's content beyond its schema: each naming the field it is about.
 * The schema already refuses negative and malformed decimals and allergens of the wrong group.
 */
final class SpecRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private SpecRules() {
    }

    /** Why the content cannot be kept, or null when it can. */
    static UnprocessableFieldException refusal(SpecContent content) {
        UnprocessableFieldException refused = ingredients(content.ingredients());
        if (refused == null && content.allergens() != null) {
            refused = duplicate("allergens.mandatory", content.allergens().mandatory());
            if (refused == null) {
                refused = duplicate("allergens.recommended", content.allergens().recommended());
            }
        }
        if (refused == null && content.nutrition() != null) {
            refused = nutrition(content.nutrition());
        }
        if (refused == null && content.countryOfOrigin() != null && !COUNTRIES.contains(content.countryOfOrigin())) {
            refused = new UnprocessableFieldException("countryOfOrigin", content.countryOfOrigin()
                    + " is not a country code of ISO 3166-1 alpha-2.");
        }
        return refused;
    }

    /** The first part a submitted sheet must have and this one lacks, or null when it is complete. */
    static UnprocessableFieldException incomplete(SpecContent content) {
        String missing = content.productName() == null ? "productName"
                : content.productCode() == null ? "productCode"
                : content.ingredients() == null || content.ingredients().isEmpty() ? "ingredients"
                : content.allergens() == null ? "allergens"
                : content.nutrition() == null ? "nutrition"
                : content.countryOfOrigin() == null ? "countryOfOrigin"
                : content.plant() == null ? "plant" : null;
        return missing == null ? null : new UnprocessableFieldException(missing, "The sheet has no " + missing
                + " yet; write it before submitting.");
    }

    private static UnprocessableFieldException ingredients(List<SpecContent.Ingredient> ingredients) {
        if (ingredients == null) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < ingredients.size(); i++) {
            String percentage = ingredients.get(i).percentage();
            if (percentage == null) {
                continue;
            }
            BigDecimal share = new BigDecimal(percentage);
            if (share.compareTo(HUNDRED) > 0) {
                return new UnprocessableFieldException("ingredients[" + i + "].percentage", "A share of "
                        + percentage + " % is over 100 %.");
            }
            total = total.add(share);
        }
        if (total.compareTo(HUNDRED) > 0) {
            return new UnprocessableFieldException("ingredients", "The ingredients' percentages add up to "
                    + total.toPlainString() + " %, over 100 %.");
        }
        return null;
    }

    private static UnprocessableFieldException duplicate(String field, List<String> allergens) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < allergens.size(); i++) {
            if (!seen.add(allergens.get(i))) {
                return new UnprocessableFieldException(field + "[" + i + "]", "The allergen " + allergens.get(i)
                        + " is named twice.");
            }
        }
        return null;
    }

    /** Protein, fat, carbohydrate and salt are masses per 100 g: together no more than 100 g. */
    private static UnprocessableFieldException nutrition(SpecContent.Nutrition nutrition) {
        BigDecimal mass = Stream.of(nutrition.protein(), nutrition.fat(), nutrition.carbohydrate(),
                nutrition.saltEquivalent()).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (mass.compareTo(HUNDRED) > 0) {
            return new UnprocessableFieldException("nutrition", "Protein, fat, carbohydrate and salt equivalent"
                    + " add up to " + mass.toPlainString() + " g per 100 g, over 100 g.");
        }
        return null;
    }
}
