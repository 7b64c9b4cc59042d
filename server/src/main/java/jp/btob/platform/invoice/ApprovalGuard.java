package jp.btob.platform.invoice;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Whether the recipient's own approval allows it to approve an invoice (SVC-WF). The workflow
 * implements it; an invoice no approval route covers is always cleared.
 */
public interface ApprovalGuard {

    /** Completes when the buyer may approve the invoice of this total; errors with the problem otherwise. */
    Mono<Void> cleared(UUID buyerId, UUID invoiceId, long total);
}
