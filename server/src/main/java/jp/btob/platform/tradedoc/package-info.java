/**
 * Trade documents (TRADE, SVC-TRADE): any business document one company sends a connected partner
 * (delivery notes, receipts, acceptance certificates, purchase orders and estimates from other
 * systems), acknowledged by the receiver, corrected or cancelled by the sender; every version is
 * kept in the document's history ({@code bookkeeping}) and found by the search of kept documents.
 */
package jp.btob.platform.tradedoc;
