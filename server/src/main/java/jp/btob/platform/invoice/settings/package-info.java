/**
 * Each company's settings for issuing qualified invoices (SVC-INV): registration number and issuer
 * kind, tax rounding and payment terms, versioned and audited. The invoice service reads the
 * settings in force through {@link jp.btob.platform.invoice.settings.InvoicingSettingsService#forCompany}.
 */
package jp.btob.platform.invoice.settings;
