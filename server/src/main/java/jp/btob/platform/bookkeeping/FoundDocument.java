package jp.btob.platform.bookkeeping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.company.CompanyRepository.CompanyRef;

/**
 * A kept trade document as one of its parties finds it.
 *
 * @param number       an invoice's or a trade document's number; null for quotes and orders
 * @param title        a quote's, an order's, a trade document's or a contract's title; null for invoices
 * @param amount       yen, tax included; null for a contract that states no amount
 * @param side         the finding company's side of the trade
 * @param counterparty the other party
 */
record FoundDocument(DocumentType type, UUID id, String number, String title, SearchFilter.Side side,
                     CompanyRef counterparty, String status, LocalDate transactionDate, Long amount,
                     Instant createdAt) {
}
