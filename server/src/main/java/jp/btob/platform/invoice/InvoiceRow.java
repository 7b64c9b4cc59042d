package jp.btob.platform.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.InvoiceStatus;
import jp.btob.platform.api.model.PaymentStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.tax.TaxCalculator;
import jp.btob.platform.tax.TaxRounding;
import jp.btob.platform.tax.TaxTotals;

/**
 * An invoice as stored, with both companies named as they are now and as the invoice stated
 * them when issued ({@code issuerName}, {@code recipientName}).
 */
record InvoiceRow(UUID id, String number, CompanyRef seller, CompanyRef buyer, UUID orderId, UUID correctsId,
                  InvoiceStatus status, int version, String issuerName, String registrationNumber,
                  String recipientName, LocalDate issueDate, LocalDate periodStart, LocalDate periodEnd,
                  LocalDate dueDate, String notes, List<InvoiceLine> lines, TaxRounding rounding,
                  List<Payment> payments, long paidAmount, String responseNote, Instant createdAt,
                  Instant updatedAt) {

    InvoiceRow {
        lines = List.copyOf(lines);
        payments = List.copyOf(payments);
    }

    PaymentStatus paymentStatus() {
        if (paidAmount == 0) {
            return PaymentStatus.UNPAID;
        }
        return paidAmount < totals().total() ? PaymentStatus.PARTIALLY_PAID : PaymentStatus.PAID;
    }

    /** Not fully paid after its due date, unless cancelled: a cancelled invoice is owed no more. */
    boolean overdue(LocalDate today) {
        return status != InvoiceStatus.CANCELLED && paymentStatus() != PaymentStatus.PAID && today.isAfter(dueDate);
    }

    /** Which side of the trade the company is on; null when it is on neither. */
    InvoiceAction.Side sideOf(UUID companyId) {
        if (seller.id().equals(companyId)) {
            return InvoiceAction.Side.SELLER;
        }
        return buyer.id().equals(companyId) ? InvoiceAction.Side.BUYER : null;
    }

    TaxTotals totals() {
        return totals(lines, rounding);
    }

    /** The totals of the lines, each rate's tax rounded once for the invoice by the issuer's rounding. */
    static TaxTotals totals(List<InvoiceLine> lines, TaxRounding rounding) {
        return TaxCalculator.totals(lines.stream().map(InvoiceLine::item).toList(), rounding);
    }
}
