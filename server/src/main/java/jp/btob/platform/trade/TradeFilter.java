package jp.btob.platform.trade;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The filters of a list of trade documents; null means not filtered.
 *
 * @param role   {@code sent} or {@code received}, as the document's kind means them
 * @param status the document's status value
 * @param from   the first day of the document's date range, inclusive
 * @param to     the last day of the document's date range, inclusive
 */
public record TradeFilter(String role, String status, UUID partnerId, LocalDate from, LocalDate to, Long minTotal,
                          Long maxTotal) {
}
