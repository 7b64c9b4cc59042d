package jp.btob.platform.invoice.pint;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jp.btob.platform.invoice.RegistrationNumber;
import jp.btob.platform.tax.LineItem;
import jp.btob.platform.tax.TaxBreakdown;
import jp.btob.platform.tax.TaxCategory;
import jp.btob.platform.tax.TaxTotals;

/**
 * What a qualified invoice (適格請求書) states: issuer and its registration number, recipient, number,
 * issue date, the date or period of the transaction, the lines (reduced-rate ones marked by their
 * category), the per-rate subtotals and taxes, the totals, due date and payment terms.
 *
 * @param periodStart  the transaction date, or the first day of the period the invoice covers
 * @param periodEnd    the transaction date again, or the last day of the period
 * @param totals       as {@link jp.btob.platform.tax.TaxCalculator} computed them from {@code lines}
 * @param paymentTerms free text, or null
 */
public record QualifiedInvoice(String number, LocalDate issueDate, LocalDate dueDate, LocalDate periodStart,
        LocalDate periodEnd, InvoiceParty issuer, RegistrationNumber registrationNumber, InvoiceParty recipient,
        List<LineItem> lines, TaxTotals totals, String paymentTerms) {

    public QualifiedInvoice {
        Texts.requireText(number, "number");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(registrationNumber, "registrationNumber");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(totals, "totals");
        Texts.requireTextOrNull(paymentTerms, "paymentTerms");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("An invoice has at least one line");
        }
        if (periodEnd.isBefore(periodStart)) {
            throw new IllegalArgumentException("The period ends before it starts");
        }
        requireTotalsOfLines(lines, totals);
    }

    /** The totals must be the lines' own: an export states both, and they must agree. */
    private static void requireTotalsOfLines(List<LineItem> lines, TaxTotals totals) {
        Map<TaxCategory, Long> taxable = new EnumMap<>(TaxCategory.class);
        lines.forEach(line -> taxable.merge(line.taxCategory(), line.amount(), Long::sum));
        Map<TaxCategory, Long> stated = new EnumMap<>(TaxCategory.class);
        totals.breakdown().forEach(breakdown -> stated.put(breakdown.category(), breakdown.taxableAmount()));
        long taxTotal = totals.breakdown().stream().mapToLong(TaxBreakdown::taxAmount).sum();
        long subtotal = taxable.values().stream().mapToLong(Long::longValue).sum();
        if (!taxable.equals(stated) || totals.subtotal() != subtotal || totals.taxTotal() != taxTotal
                || totals.total() != subtotal + taxTotal) {
            throw new IllegalArgumentException("The totals are not the lines' totals");
        }
    }
}
