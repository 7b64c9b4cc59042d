package jp.btob.platform.order;

import java.math.BigDecimal;
import java.util.List;

import jp.btob.platform.api.model.InspectedLine;
import jp.btob.platform.api.model.LineQuantity;
import jp.btob.platform.api.model.Order;
import jp.btob.platform.api.model.TaxRounding;
import jp.btob.platform.system.Times;
import jp.btob.platform.trade.TradeModels;

/** Orders between the API's models and the domain's records, in one place. */
final class OrderMapper {

    private OrderMapper() {
    }

    static Order toApi(OrderRow row) {
        return new Order(row.id(), TradeModels.party(row.seller()), TradeModels.party(row.buyer()), row.status(),
                row.version(), row.title(), row.orderDate(), row.lines().stream().map(OrderMapper::line).toList(),
                TradeModels.totals(row.totals()), TaxRounding.fromValue(row.rounding().value()),
                Times.utc(row.createdAt()), Times.utc(row.updatedAt()))
                .quoteId(row.quoteId())
                .notes(row.notes())
                .lastInspectionDate(row.lastInspectionDate())
                .responseNote(row.responseNote());
    }

    /** Confirmed, shipped or returned quantities; none (for a confirmation: every line as ordered) when null. */
    static List<LineChange> changes(List<LineQuantity> lines) {
        return lines == null ? List.of() : lines.stream()
                .map(line -> new LineChange(line.getLine(), new BigDecimal(line.getQuantity()), BigDecimal.ZERO))
                .toList();
    }

    static List<LineChange> inspected(List<InspectedLine> lines) {
        return lines.stream().map(line -> new LineChange(line.getLine(), new BigDecimal(line.getAccepted()),
                new BigDecimal(line.getRejected()))).toList();
    }

    private static jp.btob.platform.api.model.OrderLine line(OrderLine line) {
        return new jp.btob.platform.api.model.OrderLine(line.number(), TradeModels.line(line.agreedItem()),
                line.item().quantity().toPlainString(), line.shipped().toPlainString(),
                line.accepted().toPlainString(), line.rejected().toPlainString(), line.returned().toPlainString(),
                line.billable().toPlainString())
                .confirmed(line.confirmed() == null ? null : line.confirmed().toPlainString());
    }
}
