package jp.btob.platform.contract;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Whether a party's own approval allows it to agree to a contract's revision (SVC-WF). The
 * workflow implements it; a contract no approval route covers is always cleared.
 */
public interface AgreementGuard {

    /** Completes when the company may agree to the revision of this amount; errors with the problem otherwise. */
    Mono<Void> cleared(UUID companyId, UUID contractId, int revision, long amount);
}
