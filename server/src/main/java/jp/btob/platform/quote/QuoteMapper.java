package jp.btob.platform.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jp.btob.platform.api.model.Party;
import jp.btob.platform.api.model.Quote;
import jp.btob.platform.api.model.QuoteContent;
import jp.btob.platform.api.model.QuoteCreate;
import jp.btob.platform.api.model.TradeLine;
import jp.btob.platform.api.model.TradeLineInput;
import jp.btob.platform.api.model.TradeTotals;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.system.Times;
import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxCalculator;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.tax.TaxTotals;

/** Quotes between the API's models and the domain's records, in one place. */
final class QuoteMapper {

    private QuoteMapper() {
    }

    static jp.btob.platform.quote.QuoteContent content(QuoteCreate body) {
        return new jp.btob.platform.quote.QuoteContent(body.getTitle(), body.getValidUntil(), body.getNotes(),
                lines(body.getLines()));
    }

    static jp.btob.platform.quote.QuoteContent content(QuoteContent body) {
        return new jp.btob.platform.quote.QuoteContent(body.getTitle(), body.getValidUntil(), body.getNotes(),
                lines(body.getLines()));
    }

    /** The quote as the viewing company sees it, on the viewer's date in Japan. */
    static Quote toApi(QuoteRow row, LocalDate today) {
        TaxTotals totals = TaxCalculator.totals(row.content().lines(), row.rounding());
        boolean awaiting = row.status() == jp.btob.platform.api.model.QuoteStatus.SENT;
        return new Quote(row.id(), party(row.seller()), party(row.buyer()), row.status(), row.revision(), row.version(),
                row.content().title(), row.content().validUntil(),
                row.content().lines().stream().map(QuoteMapper::line).toList(), totals(totals),
                jp.btob.platform.api.model.TaxRounding.fromValue(row.rounding().value()),
                awaiting && row.expiredOn(today), Times.utc(row.createdAt()), Times.utc(row.updatedAt()))
                .issueDate(row.issueDate())
                .notes(row.content().notes())
                .responseNote(row.responseNote());
    }

    private static List<LineItem> lines(List<TradeLineInput> lines) {
        return lines.stream().map(line -> new LineItem(line.getDescription(), new BigDecimal(line.getQuantity()),
                line.getUnit(), new BigDecimal(line.getUnitPrice()),
                TaxCategory.fromValue(line.getTaxCategory().getValue()))).toList();
    }

    private static TradeLine line(LineItem line) {
        return new TradeLine(line.description(), line.quantity().toPlainString(), line.unitPrice().toPlainString(),
                jp.btob.platform.api.model.TaxCategory.fromValue(line.taxCategory().value()), line.amount())
                .unit(line.unit());
    }

    private static TradeTotals totals(TaxTotals totals) {
        return new TradeTotals(totals.breakdown().stream().map(rate -> new jp.btob.platform.api.model.TaxBreakdown(
                        jp.btob.platform.api.model.TaxCategory.fromValue(rate.category().value()), rate.ratePercent(),
                        rate.taxableAmount(), rate.taxAmount())).toList(),
                totals.subtotal(), totals.taxTotal(), totals.total());
    }

    private static Party party(CompanyRef company) {
        return new Party(company.id(), company.code(), company.name());
    }
}
