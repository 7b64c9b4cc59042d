package jp.btob.platform.invoice;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An invoice to issue: from whom to whom, the transaction's date or period, its lines, and the
 * order it bills or the cancelled invoice it corrects (either null).
 *
 * @param periodStart the transaction date, or the first day of the period; null for the issue date
 * @param periodEnd   the last day of the period; null for {@code periodStart}
 */
record NewInvoice(UUID sellerId, UUID buyerId, UUID orderId, UUID correctsId, LocalDate periodStart,
                  LocalDate periodEnd, String notes, List<InvoiceLine> lines) {

    NewInvoice {
        lines = List.copyOf(lines);
    }
}
