package jp.btob.platform.specsheet;

import java.util.List;

import jp.btob.platform.api.model.Allergens;
import jp.btob.platform.api.model.Ingredient;
import jp.btob.platform.api.model.MandatoryAllergen;
import jp.btob.platform.api.model.Nutrition;
import jp.btob.platform.api.model.Plant;
import jp.btob.platform.api.model.RecommendedAllergen;
import jp.btob.platform.api.model.SpecSheet;
import jp.btob.platform.api.model.SpecSheetContent;
import jp.btob.platform.api.model.SpecSheetRevision;
import jp.btob.platform.system.Times;
import jp.btob.platform.trade.TradeModels;

/** Spec sheets between the API's models and the domain's records, in one place. */
final class SpecSheetMapper {

    private SpecSheetMapper() {
    }

    static SpecSheet toApi(SpecSheetRow row) {
        return new SpecSheet(row.id(), TradeModels.party(row.seller()), TradeModels.party(row.buyer()), row.status(),
                row.version(), row.revision(), row.productName(), toApi(row.content()), Times.utc(row.createdAt()),
                Times.utc(row.updatedAt()))
                .productCode(row.productCode())
                .dueDate(row.dueDate())
                .note(row.note())
                .responseNote(row.responseNote())
                .submittedAt(row.submittedAt() == null ? null : Times.utc(row.submittedAt()));
    }

    static SpecSheetRevision toApi(SpecRevision revision) {
        return new SpecSheetRevision(revision.specSheetId(), revision.revision(), toApi(revision.content()),
                Times.utc(revision.submittedAt()));
    }

    /** The content as sent; an empty list of ingredients is none written. */
    static SpecContent content(SpecSheetContent content) {
        List<Ingredient> written = content.getIngredients();
        List<SpecContent.Ingredient> ingredients = written == null || written.isEmpty() ? null : written.stream()
                .map(item -> new SpecContent.Ingredient(item.getName(), item.getPercentage(), item.getOrigin()))
                .toList();
        Allergens allergens = content.getAllergens();
        Nutrition nutrition = content.getNutrition();
        Plant plant = content.getPlant();
        return new SpecContent(content.getProductName(), content.getProductCode(), ingredients,
                allergens == null ? null : new SpecContent.Allergens(
                        allergens.getMandatory().stream().map(MandatoryAllergen::getValue).toList(),
                        allergens.getRecommended().stream().map(RecommendedAllergen::getValue).toList()),
                nutrition == null ? null : new SpecContent.Nutrition(nutrition.getEnergyKcal(), nutrition.getProtein(),
                        nutrition.getFat(), nutrition.getCarbohydrate(), nutrition.getSaltEquivalent()),
                content.getCountryOfOrigin(),
                plant == null ? null : new SpecContent.Plant(plant.getName(), plant.getAddress()));
    }

    private static SpecSheetContent toApi(SpecContent content) {
        SpecSheetContent api = new SpecSheetContent()
                .productName(content.productName())
                .productCode(content.productCode())
                .countryOfOrigin(content.countryOfOrigin());
        if (content.ingredients() != null) {
            api.ingredients(content.ingredients().stream().map(item -> new Ingredient(item.name())
                    .percentage(item.percentage()).origin(item.origin())).toList());
        }
        if (content.allergens() != null) {
            api.allergens(new Allergens(
                    content.allergens().mandatory().stream().map(MandatoryAllergen::fromValue).toList(),
                    content.allergens().recommended().stream().map(RecommendedAllergen::fromValue).toList()));
        }
        if (content.nutrition() != null) {
            SpecContent.Nutrition facts = content.nutrition();
            api.nutrition(new Nutrition(facts.energyKcal(), facts.protein(), facts.fat(), facts.carbohydrate(),
                    facts.saltEquivalent()));
        }
        if (content.plant() != null) {
            api.plant(new Plant(content.plant().name(), content.plant().address()));
        }
        return api;
    }
}
