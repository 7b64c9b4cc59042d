package jp.btob.platform.quote;

import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.api.model.QuoteStatus;

/** The filters of the quote list; null means not filtered. {@code role} is {@code sent} or {@code received}. */
record QuoteFilter(String role, QuoteStatus status, UUID partnerId, LocalDate issuedFrom, LocalDate issuedTo,
                   Long minTotal, Long maxTotal) {
}
