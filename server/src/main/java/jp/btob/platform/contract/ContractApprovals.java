package jp.btob.platform.contract;

import java.util.UUID;

import jp.btob.platform.permission.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The contract side of approving an agreement (SVC-WF): which revision an approval covers, and its amount. */
@Component
public class ContractApprovals {

    private final ContractService contracts;

    ContractApprovals(ContractService contracts) {
        this.contracts = contracts;
    }

    /**
     * The contract's current revision and its amount (none: 0), when the caller's company is a
     * party that may read it; empty otherwise, whether it exists or not.
     */
    public Mono<Current> current(Caller caller, UUID contractId) {
        return contracts.current(caller, contractId);
    }

    /** A contract's revision as an approval covers it. */
    public record Current(UUID contractId, int revision, long amount) {
    }
}
