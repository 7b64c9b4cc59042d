package jp.btob.platform.contract;

import java.time.LocalDate;

import jp.btob.platform.api.model.ContractType;

/**
 * The wording and the terms of one revision, as the drafter writes them.
 *
 * @param amount the contract's amount in yen, when it states one
 * @param body   the contract's text, in plain text: stored encrypted
 */
record ContractTerms(String title, ContractType contractType, Long amount, LocalDate effectiveDate,
                     LocalDate expiryDate, LocalDate renewalDate, boolean autoRenew, String body) {
}
