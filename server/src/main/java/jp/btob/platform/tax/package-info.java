/**
 * Japanese consumption tax of trade documents under the qualified-invoice rules (SVC-INV): the tax
 * categories and their rates, the rounding an issuer chooses, and the totals of a document with one
 * rounding of the tax per rate. Quotes, orders and invoices all compute their totals here.
 */
package jp.btob.platform.tax;
