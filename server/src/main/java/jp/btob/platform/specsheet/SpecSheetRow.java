package jp.btob.platform.specsheet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.api.model.SpecSheetStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;

/** A spec sheet as stored, with both companies named. */
record SpecSheetRow(UUID id, CompanyRef seller, CompanyRef buyer, SpecSheetStatus status, int version, int revision,
                    String productName, String productCode, LocalDate dueDate, String note, SpecContent content,
                    String responseNote, Instant submittedAt, Instant createdAt, Instant updatedAt) {

    /** Which side of the trade the company is on; null when it is on neither. */
    SpecSheetAction.Side sideOf(UUID companyId) {
        if (seller.id().equals(companyId)) {
            return SpecSheetAction.Side.SELLER;
        }
        return buyer.id().equals(companyId) ? SpecSheetAction.Side.BUYER : null;
    }
}
