package jp.btob.platform.specsheet;

import java.time.LocalDate;
import java.util.UUID;

/** A request for a spec sheet: from whom, of what, by when, with what note (null when not given). */
record NewSpecSheet(UUID sellerId, UUID buyerId, String productName, String productCode, LocalDate dueDate,
                    String note) {
}
