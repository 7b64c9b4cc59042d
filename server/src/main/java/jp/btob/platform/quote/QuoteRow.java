package jp.btob.platform.quote;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.api.model.QuoteStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.tax.TaxRounding;

/** A quote as stored, with both companies named. */
record QuoteRow(UUID id, CompanyRef seller, CompanyRef buyer, QuoteStatus status, int version, int revision,
                QuoteContent content, LocalDate issueDate, TaxRounding rounding, long totalAmount, String responseNote,
                Instant createdAt, Instant updatedAt) {

    /** Which side of the trade the company is on; null when it is on neither. */
    QuoteAction.Side sideOf(UUID companyId) {
        if (seller.id().equals(companyId)) {
            return QuoteAction.Side.SELLER;
        }
        return buyer.id().equals(companyId) ? QuoteAction.Side.BUYER : null;
    }

    /** Whether the company may see the quote: the seller always, the buyer once it was sent. */
    boolean visibleTo(UUID companyId) {
        QuoteAction.Side side = sideOf(companyId);
        return side == QuoteAction.Side.SELLER || side == QuoteAction.Side.BUYER && status != QuoteStatus.DRAFT;
    }

    /** Whether the validity date has passed on this date in Japan. */
    boolean expiredOn(LocalDate today) {
        return today.isAfter(content.validUntil());
    }
}
