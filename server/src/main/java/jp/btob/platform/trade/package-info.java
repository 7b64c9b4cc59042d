/**
 * What the trade documents (quotes, orders, invoices) share: their lines as stored and their
 * lines, totals and parties as the API shows them.
 */
package jp.btob.platform.trade;
