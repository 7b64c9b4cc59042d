package jp.btob.platform.contract;

import jp.btob.platform.api.model.Contract;
import jp.btob.platform.api.model.ContractAgreement;
import jp.btob.platform.api.model.ContractContent;
import jp.btob.platform.api.model.ContractCreate;
import jp.btob.platform.api.model.ContractRevision;
import jp.btob.platform.api.model.ContractVerification;
import jp.btob.platform.system.Times;
import jp.btob.platform.trade.TradeModels;

/** Contracts between the API's models and the domain's records, in one place. */
final class ContractMapper {

    private ContractMapper() {
    }

    static Contract toApi(ContractView view) {
        ContractRow row = view.contract();
        return new Contract(row.id(), TradeModels.party(row.partyA()), TradeModels.party(row.partyB()),
                row.drafterSide(), row.status(), row.version(), toApi(view.current()),
                view.agreements().stream().map(ContractMapper::toApi).toList(), Times.utc(row.createdAt()),
                Times.utc(row.updatedAt()))
                .responseNote(row.responseNote());
    }

    static ContractRevision toApi(Revision revision) {
        ContractTerms terms = revision.terms();
        return new ContractRevision(terms.title(), terms.contractType(), terms.effectiveDate(), terms.expiryDate(),
                terms.autoRenew(), terms.body(), revision.revision(), revision.sha256(), Times.utc(revision.createdAt()))
                .amount(terms.amount())
                .renewalDate(terms.renewalDate());
    }

    static ContractAgreement toApi(Agreement agreement) {
        return new ContractAgreement(agreement.companyId(), agreement.revision(), agreement.sha256(),
                agreement.signerId(), Times.utc(agreement.agreedAt()))
                .signerName(agreement.signerName());
    }

    static ContractVerification toApi(ContractService.Verification verification) {
        return new ContractVerification(verification.contractId(), verification.verified(),
                verification.agreements().stream().map(ContractMapper::toApi).toList())
                .revision(verification.revision())
                .sha256(verification.sha256())
                .reason(verification.reason());
    }

    static ContractTerms terms(ContractContent body) {
        return new ContractTerms(body.getTitle(), body.getContractType(), body.getAmount(), body.getEffectiveDate(),
                body.getExpiryDate(), body.getRenewalDate(), body.getAutoRenew(), body.getBody());
    }

    static ContractTerms terms(ContractCreate body) {
        return new ContractTerms(body.getTitle(), body.getContractType(), body.getAmount(), body.getEffectiveDate(),
                body.getExpiryDate(), body.getRenewalDate(), body.getAutoRenew(), body.getBody());
    }
}
