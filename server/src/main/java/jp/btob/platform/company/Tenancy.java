package jp.btob.platform.company;

import java.util.UUID;

import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.problem.NotFoundException;
import reactor.core.publisher.Mono;

/**
 * The tenancy rule in one place: another company's resource answers exactly as one that does
 * not exist, so that nobody learns anything about other tenants.
 */
public final class Tenancy {

    private Tenancy() {
    }

    /** The caller, if the company in the path is their own; otherwise the not-found problem. */
    public static <C extends Caller> Mono<C> ownCompany(C caller, UUID companyId, String what) {
        return caller.companyId().equals(companyId) ? Mono.just(caller) : Mono.error(notFound(what));
    }

    public static NotFoundException notFound(String what) {
        return new NotFoundException("There is no such " + what + ".");
    }
}
