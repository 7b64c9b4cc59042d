package jp.btob.platform.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A contract as its history keeps it: the parties, the state and the current revision's terms
 * with the SHA-256 of its body; never the body, which stays encrypted at rest.
 */
final class ContractHistory {

    private ContractHistory() {
    }

    static Map<String, Object> of(ContractRow contract, StoredRevision current) {
        ContractTerms terms = current.terms();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", contract.id());
        document.put("partyAId", contract.partyA().id());
        document.put("partyBId", contract.partyB().id());
        document.put("drafterSide", contract.drafterSide().getValue());
        document.put("status", contract.status().getValue());
        document.put("revision", current.revision());
        document.put("title", terms.title());
        document.put("contractType", terms.contractType().getValue());
        document.put("amount", terms.amount());
        document.put("effectiveDate", terms.effectiveDate());
        document.put("expiryDate", terms.expiryDate());
        document.put("renewalDate", terms.renewalDate());
        document.put("autoRenew", terms.autoRenew());
        document.put("bodySha256", current.sha256());
        document.put("responseNote", contract.responseNote());
        return document;
    }
}
