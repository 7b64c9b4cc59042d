package jp.btob.platform.order;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Whether the buyer's own approval allows it to place an order directly (SVC-WF). The workflow
 * implements it; an order no approval route covers is always cleared.
 */
public interface PlacementGuard {

    /** Completes when the buyer may place an order of this total; errors with the problem otherwise. */
    Mono<Void> cleared(UUID buyerId, long total);
}
