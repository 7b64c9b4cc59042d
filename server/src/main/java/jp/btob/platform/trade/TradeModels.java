package jp.btob.platform.trade;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jp.btob.platform.api.model.Party;
import jp.btob.platform.api.model.TradeLine;
import jp.btob.platform.api.model.TradeLineInput;
import jp.btob.platform.api.model.TradeTotals;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.tax.TaxTotals;

/** The parts every trade document shares, between the API's models, the domain and the history's form. */
public final class TradeModels {

    private TradeModels() {
    }

    public static List<LineItem> lines(List<TradeLineInput> lines) {
        return lines.stream().map(line -> new LineItem(line.getDescription(), new BigDecimal(line.getQuantity()),
                line.getUnit(), new BigDecimal(line.getUnitPrice()),
                TaxCategory.fromValue(line.getTaxCategory().getValue()))).toList();
    }

    public static TradeLine line(LineItem line) {
        return new TradeLine(line.description(), line.quantity().toPlainString(), line.unitPrice().toPlainString(),
                jp.btob.platform.api.model.TaxCategory.fromValue(line.taxCategory().value()), line.amount())
                .unit(line.unit());
    }

    public static TradeTotals totals(TaxTotals totals) {
        return new TradeTotals(totals.breakdown().stream().map(rate -> new jp.btob.platform.api.model.TaxBreakdown(
                        jp.btob.platform.api.model.TaxCategory.fromValue(rate.category().value()), rate.ratePercent(),
                        rate.taxableAmount(), rate.taxAmount())).toList(),
                totals.subtotal(), totals.taxTotal(), totals.total());
    }

    public static Party party(CompanyRef company) {
        return new Party(company.id(), company.code(), company.name());
    }

    /** The totals as a document's history keeps them. */
    public static void putTotals(Map<String, Object> document, TaxTotals totals) {
        document.put("breakdown", totals.breakdown().stream().map(rate -> Map.of(
                "category", rate.category().value(),
                "taxableAmount", rate.taxableAmount(),
                "taxAmount", rate.taxAmount())).toList());
        document.put("subtotal", totals.subtotal());
        document.put("taxTotal", totals.taxTotal());
        document.put("total", totals.total());
    }
}
