package jp.btob.platform.bookkeeping;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.system.problem.InvalidParameterException;
import jp.btob.platform.system.problem.UnprocessableFieldException;

/**
 * The filters of a search of kept trade documents; null means not filtered.
 *
 * @param side    the caller's company's side of the trade
 * @param from    the first transaction date, inclusive
 * @param to      the last transaction date, inclusive
 * @param labelId a tag of the caller's company's vocabulary the document carries in its set
 * @param label   a free-form label the document carries in the caller's company's set
 */
record SearchFilter(DocumentType type, Side side, UUID partnerId, LocalDate from, LocalDate to, Long minAmount,
                    Long maxAmount, UUID labelId, String label) {

    /** The kinds the search finds, as its spec lists them: spec sheets are kept, not searched. */
    private static final Set<DocumentType> SEARCHED = EnumSet.of(DocumentType.QUOTE, DocumentType.ORDER,
            DocumentType.INVOICE, DocumentType.TRADE, DocumentType.CONTRACT);

    /** The filters as the query names them; a kind or side the spec does not list answers 400 naming it. */
    static SearchFilter of(String type, String side, UUID partnerId, LocalDate from, LocalDate to, Long minAmount,
                           Long maxAmount, UUID labelId, String label) {
        return new SearchFilter(
                type == null ? null : DocumentType.of(type).filter(SEARCHED::contains).orElseThrow(() ->
                        new InvalidParameterException("documentType", "is not quote, order, invoice, trade or contract")),
                side == null ? null : Side.of(side),
                partnerId, from, to, minAmount, maxAmount, labelId, label);
    }

    /** A range whose start is after its end finds nothing by definition: 422 naming its start. */
    void checkRanges() {
        if (from != null && to != null && from.isAfter(to)) {
            throw new UnprocessableFieldException("dateFrom", "The date range starts after it ends.");
        }
        if (minAmount != null && maxAmount != null && minAmount > maxAmount) {
            throw new UnprocessableFieldException("minAmount", "The amount range starts above its end.");
        }
    }

    /** A company's side of a trade. */
    enum Side {

        SELLER("seller"),
        BUYER("buyer");

        private final String value;

        Side(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }

        static Side of(String value) {
            return Arrays.stream(values()).filter(side -> side.value.equals(value)).findFirst()
                    .orElseThrow(() -> new InvalidParameterException("side", "is not seller or buyer"));
        }
    }
}
