package jp.btob.platform.invoice;

import java.time.LocalDate;

import jp.btob.platform.api.model.Invoice;
import jp.btob.platform.api.model.TaxRounding;
import jp.btob.platform.system.Times;
import jp.btob.platform.trade.TradeModels;

/** Invoices between the API's models and the domain's records, in one place. */
final class InvoiceMapper {

    private InvoiceMapper() {
    }

    /** The invoice as the API shows it, {@code overdue} as of {@code today} in Japan. */
    static Invoice toApi(InvoiceRow row, LocalDate today) {
        return new Invoice(row.id(), row.number(), TradeModels.party(row.seller()), TradeModels.party(row.buyer()),
                row.issuerName(), row.registrationNumber(), row.recipientName(), row.status(), row.version(),
                row.issueDate(), row.periodStart(), row.periodEnd(), row.dueDate(),
                row.lines().stream().map(InvoiceMapper::line).toList(), TradeModels.totals(row.totals()),
                TaxRounding.fromValue(row.rounding().value()),
                row.payments().stream().map(payment -> new jp.btob.platform.api.model.Payment(payment.amount(),
                        payment.paidOn(), payment.method())).toList(),
                row.paidAmount(), row.paymentStatus(), row.overdue(today), Times.utc(row.createdAt()),
                Times.utc(row.updatedAt()))
                .orderId(row.orderId())
                .correctsId(row.correctsId())
                .notes(row.notes())
                .responseNote(row.responseNote());
    }

    private static jp.btob.platform.api.model.InvoiceLine line(InvoiceLine line) {
        return new jp.btob.platform.api.model.InvoiceLine(line.number(), TradeModels.line(line.item()),
                line.reducedRate()).orderId(line.orderId()).orderLine(line.orderLine());
    }
}
