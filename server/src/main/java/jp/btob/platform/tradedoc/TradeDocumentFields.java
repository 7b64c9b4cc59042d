package jp.btob.platform.tradedoc;

import java.time.LocalDate;

/**
 * What the sender states of a trade document, as it sends or corrects it.
 *
 * @param number    the sender's own number, unique per sender and kind
 * @param kindLabel what the sender calls the document; required for the kind {@code other}
 * @param amount    yen, tax included
 * @param taxAmount the tax within {@code amount}, when the document states it
 */
record TradeDocumentFields(String number, String kindLabel, LocalDate transactionDate, long amount, Long taxAmount,
                           String title, String notes, String externalReference) {
}
