package jp.btob.platform.tradedoc;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.TradeDocumentKind;
import jp.btob.platform.api.model.TradeDocumentStatus;
import jp.btob.platform.api.model.TradeSide;
import jp.btob.platform.company.CompanyRepository.CompanyRef;

/**
 * A trade document as stored, with both companies named.
 *
 * @param senderSide   the sender's side of the trade: the seller or the buyer
 * @param responseNote the reason given with the last correction or the cancellation
 */
record TradeDocumentRow(UUID id, TradeDocumentKind kind, CompanyRef sender, CompanyRef receiver, TradeSide senderSide,
                        TradeDocumentStatus status, int version, TradeDocumentFields fields, String responseNote,
                        Instant createdAt, Instant updatedAt) {

    /** Which party of the document the company is; null when it is neither. */
    TradeDocumentAction.Role roleOf(UUID companyId) {
        if (sender.id().equals(companyId)) {
            return TradeDocumentAction.Role.SENDER;
        }
        return receiver.id().equals(companyId) ? TradeDocumentAction.Role.RECEIVER : null;
    }

    UUID sellerId() {
        return senderSide == TradeSide.SELLER ? sender.id() : receiver.id();
    }

    UUID buyerId() {
        return senderSide == TradeSide.SELLER ? receiver.id() : sender.id();
    }
}
