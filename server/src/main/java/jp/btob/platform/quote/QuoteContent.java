package jp.btob.platform.quote;

import java.time.LocalDate;
import java.util.List;

import jp.btob.platform.tax.LineItem;

/** What a seller writes in a quote: the parts a draft's edit or a revision replaces. */
record QuoteContent(String title, LocalDate validUntil, String notes, List<LineItem> lines) {

    QuoteContent {
        lines = List.copyOf(lines);
    }
}
