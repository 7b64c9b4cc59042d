package jp.btob.platform.contract;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.ContractStatus;
import jp.btob.platform.api.model.TradeSide;
import jp.btob.platform.company.CompanyRepository.CompanyRef;

/**
 * A contract as stored, with both companies named; its wording is in its revisions.
 *
 * @param partyA       the drafter
 * @param partyB       the counterparty
 * @param drafterSide  the drafter's side of the trade: the seller or the buyer
 * @param revision     the number of the current revision
 * @param sent         whether the drafter has sent it: from then on the counterparty sees it
 * @param responseNote the reason given with the last change request or the cancellation
 */
record ContractRow(UUID id, CompanyRef partyA, CompanyRef partyB, TradeSide drafterSide, ContractStatus status,
                   int version, int revision, boolean sent, String responseNote, Instant createdAt, Instant updatedAt) {

    /**
     * Which party of the contract the company is; null when it is neither, or when it is the
     * counterparty of a contract never sent, which is the drafter's only.
     */
    ContractAction.Role roleOf(UUID companyId) {
        if (partyA.id().equals(companyId)) {
            return ContractAction.Role.DRAFTER;
        }
        return partyB.id().equals(companyId) && sent ? ContractAction.Role.COUNTERPARTY
                : null;
    }

    UUID sellerId() {
        return drafterSide == TradeSide.SELLER ? partyA.id() : partyB.id();
    }

    UUID buyerId() {
        return drafterSide == TradeSide.SELLER ? partyB.id() : partyA.id();
    }
}
