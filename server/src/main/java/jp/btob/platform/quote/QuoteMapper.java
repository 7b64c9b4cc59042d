package jp.btob.platform.quote;

import java.time.LocalDate;

import jp.btob.platform.api.model.Quote;
import jp.btob.platform.api.model.QuoteContent;
import jp.btob.platform.api.model.QuoteCreate;
import jp.btob.platform.system.Times;
import jp.btob.platform.tax.TaxCalculator;
import jp.btob.platform.tax.TaxTotals;
import jp.btob.platform.trade.TradeModels;

/** Quotes between the API's models and the domain's records, in one place. */
final class QuoteMapper {

    private QuoteMapper() {
    }

    static jp.btob.platform.quote.QuoteContent content(QuoteCreate body) {
        return new jp.btob.platform.quote.QuoteContent(body.getTitle(), body.getValidUntil(), body.getNotes(),
                TradeModels.lines(body.getLines()));
    }

    static jp.btob.platform.quote.QuoteContent content(QuoteContent body) {
        return new jp.btob.platform.quote.QuoteContent(body.getTitle(), body.getValidUntil(), body.getNotes(),
                TradeModels.lines(body.getLines()));
    }

    /** The quote as the viewing company sees it, on the viewer's date in Japan. */
    static Quote toApi(QuoteRow row, LocalDate today) {
        TaxTotals totals = TaxCalculator.totals(row.content().lines(), row.rounding());
        boolean awaiting = row.status() == jp.btob.platform.api.model.QuoteStatus.SENT;
        return new Quote(row.id(), TradeModels.party(row.seller()), TradeModels.party(row.buyer()), row.status(),
                row.revision(), row.version(),
                row.content().title(), row.content().validUntil(),
                row.content().lines().stream().map(TradeModels::line).toList(), TradeModels.totals(totals),
                jp.btob.platform.api.model.TaxRounding.fromValue(row.rounding().value()),
                awaiting && row.expiredOn(today), Times.utc(row.createdAt()), Times.utc(row.updatedAt()))
                .issueDate(row.issueDate())
                .notes(row.content().notes())
                .responseNote(row.responseNote());
    }
}
