/**
 * Quotes (SVC-QUO): drafted by a seller for a connected buyer, sent, and accepted, rejected or
 * sent back for revision by the buyer; every transition from sending on is kept as a version of
 * the quote's history ({@code bookkeeping}).
 */
package jp.btob.platform.quote;
