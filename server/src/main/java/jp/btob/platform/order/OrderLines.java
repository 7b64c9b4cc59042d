package jp.btob.platform.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jp.btob.platform.system.problem.UnprocessableFieldException;
import jp.btob.platform.tax.LineItem;
import jp.btob.platform.trade.TradeLines;

/**
 * The quantity rules of an order's lines, one per action: confirmed ≤ ordered; shipped, summed
 * over shipments, ≤ confirmed; accepted + rejected, summed over inspections, ≤ shipped; returned,
 * summed, ≤ accepted. A change against them is refused naming the line ({@code lines[i]} of the
 * request), and nothing of the request is applied.
 */
final class OrderLines {

    private OrderLines() {
    }

    static List<OrderLine> of(List<LineItem> items) {
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            lines.add(OrderLine.ordered(i + 1, items.get(i)));
        }
        return lines;
    }

    static String json(List<OrderLine> lines) {
        return TradeLines.write(lines.stream().map(OrderLine::fields).toList());
    }

    static List<OrderLine> parse(String json) {
        List<OrderLine> lines = new ArrayList<>();
        TradeLines.rows(json).forEach(fields -> lines.add(OrderLine.of(lines.size() + 1, fields)));
        return lines;
    }

    /** Every line confirmed: as named, or as ordered when not named; declining all of them is a rejection. */
    static List<OrderLine> confirm(List<OrderLine> lines, List<LineChange> changes) {
        List<OrderLine> confirmed = new ArrayList<>(lines.stream().map(line -> line.confirm(line.item().quantity())).toList());
        apply(confirmed, changes, (line, change, field) -> {
            require(change.quantity().compareTo(line.item().quantity()) <= 0, field, "Line " + line.number()
                    + " was ordered " + line.item().quantity().toPlainString() + "; no more can be confirmed.");
            return line.confirm(change.quantity());
        });
        if (confirmed.stream().allMatch(line -> line.confirmed().signum() == 0)) {
            throw new UnprocessableFieldException("lines", "Every line would be declined: reject the order instead.");
        }
        return confirmed;
    }

    static List<OrderLine> ship(List<OrderLine> lines, List<LineChange> changes) {
        return apply(new ArrayList<>(lines), changes, (line, change, field) -> {
            require(line.shipped().add(change.quantity()).compareTo(line.confirmed()) <= 0, field, "Line "
                    + line.number() + " is confirmed for " + line.confirmed().toPlainString() + " and "
                    + line.shipped().toPlainString() + " were shipped; this shipment would exceed it.");
            return line.ship(change.quantity());
        });
    }

    static List<OrderLine> inspect(List<OrderLine> lines, List<LineChange> changes) {
        return apply(new ArrayList<>(lines), changes, (line, change, field) -> {
            require(change.quantity().add(change.rejected()).compareTo(line.awaitingInspection()) <= 0, field, "Line "
                    + line.number() + " has " + line.awaitingInspection().toPlainString()
                    + " shipped and not yet inspected; accepted and rejected together may not exceed it.");
            return line.inspect(change.quantity(), change.rejected());
        });
    }

    static List<OrderLine> giveBack(List<OrderLine> lines, List<LineChange> changes) {
        return apply(new ArrayList<>(lines), changes, (line, change, field) -> {
            require(change.quantity().compareTo(line.billable()) <= 0, field, "Line " + line.number() + " has "
                    + line.billable().toPlainString() + " accepted and not returned; no more can be returned.");
            return line.giveBack(change.quantity());
        });
    }

    static boolean allShipped(List<OrderLine> lines) {
        return lines.stream().allMatch(line -> line.shipped().compareTo(line.confirmed()) == 0);
    }

    static boolean allInspected(List<OrderLine> lines) {
        return lines.stream().allMatch(line -> line.accepted().add(line.rejected()).compareTo(line.confirmed()) == 0);
    }

    private static List<OrderLine> apply(List<OrderLine> lines, List<LineChange> changes, Rule rule) {
        Set<Integer> named = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            LineChange change = changes.get(i);
            String field = "lines[" + i + "]";
            require(change.line() >= 1 && change.line() <= lines.size(), field + ".line",
                    "The order has no line " + change.line() + ".");
            require(named.add(change.line()), field + ".line", "Line " + change.line() + " is named twice.");
            lines.set(change.line() - 1, rule.apply(lines.get(change.line() - 1), change, field + ".quantity"));
        }
        return lines;
    }

    private static void require(boolean holds, String field, String message) {
        if (!holds) {
            throw new UnprocessableFieldException(field, message);
        }
    }

    /** One action's check and change of one line. */
    private interface Rule {
        OrderLine apply(OrderLine line, LineChange change, String field);
    }
}
