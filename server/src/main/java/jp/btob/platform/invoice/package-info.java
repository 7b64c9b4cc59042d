/**
 * Qualified invoices under the Japanese invoice rules (SVC-INV): who may issue them (the registration
 * number and the kind of issuer), the company's invoicing settings ({@code settings}) and the Peppol
 * JP PINT export ({@code pint}).
 */
package jp.btob.platform.invoice;
