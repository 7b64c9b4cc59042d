package jp.btob.platform.order;

import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.api.model.OrderStatus;

/** The filters of the order list; null means not filtered. {@code role} is {@code sent} (bought) or {@code received} (sold). */
record OrderFilter(String role, OrderStatus status, UUID partnerId, LocalDate orderedFrom, LocalDate orderedTo,
                   Long minTotal, Long maxTotal) {
}
