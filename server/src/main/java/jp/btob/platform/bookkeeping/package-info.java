/**
 * Electronic bookkeeping of trade documents (SVC-BOOK): every transition and every change of a
 * document once sent appends an immutable version, hash-chained to the one before, and both
 * parties can read the history and see whether the chain is intact; both parties find their kept
 * documents by transaction date, amount and counterparty, alone or combined, across quotes, orders,
 * invoices, trade documents and contracts.
 */
package jp.btob.platform.bookkeeping;
