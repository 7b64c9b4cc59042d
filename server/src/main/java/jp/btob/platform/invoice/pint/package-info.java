/**
 * Qualified invoices as Peppol JP PINT (Japan's Peppol International invoice, UBL 2.1) documents
 * (SVC-INV): a library for the invoice service, without an endpoint of its own.
 */
package jp.btob.platform.invoice.pint;
