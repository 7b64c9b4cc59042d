package jp.btob.platform.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.OrderStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.tax.TaxCalculator;
import jp.btob.platform.tax.TaxRounding;
import jp.btob.platform.tax.TaxTotals;

/** An order as stored, with both companies named. */
record OrderRow(UUID id, CompanyRef seller, CompanyRef buyer, UUID quoteId, OrderStatus status, int version,
                String title, LocalDate orderDate, String notes, List<OrderLine> lines, TaxRounding rounding,
                long totalAmount, LocalDate lastInspectionDate, String responseNote, Instant createdAt,
                Instant updatedAt) {

    OrderRow {
        lines = List.copyOf(lines);
    }

    /** Which side of the trade the company is on; null when it is on neither. */
    OrderAction.Side sideOf(UUID companyId) {
        if (seller.id().equals(companyId)) {
            return OrderAction.Side.SELLER;
        }
        return buyer.id().equals(companyId) ? OrderAction.Side.BUYER : null;
    }

    TaxTotals totals() {
        return totals(lines, rounding);
    }

    /** The totals of the lines at their agreed quantities, each rate's tax rounded once for the order. */
    static TaxTotals totals(List<OrderLine> lines, TaxRounding rounding) {
        return TaxCalculator.totals(lines.stream().map(OrderLine::agreedItem).toList(), rounding);
    }
}
