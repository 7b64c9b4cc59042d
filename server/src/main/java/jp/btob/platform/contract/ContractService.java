package jp.btob.platform.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.ContractStatus;
import jp.btob.platform.api.model.TradeSide;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.crypto.DecryptionException;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import jp.btob.platform.trade.TradeDates;
import jp.btob.platform.trade.TradeSteps;
import jp.btob.platform.trade.Transitions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The life of a contract (SVC-CON). The checks of a change come in the order that leaks least:
 * a contract the caller is no party to, or another company's draft, is not found; then the
 * party, the version, the state, the fields. A draft's steps are on the drafter's audit trail
 * only; from the first sending on, every step appends a version to the contract's history in
 * the transaction of the change (SVC-BOOK) and is on the audit trail of both parties.
 */
@Service
class ContractService {

    private static final Transitions CONTRACT = new Transitions("contract", "a contract");

    private final ContractRepository contracts;

    private final ContractBodies bodies;

    private final TamperedBodies tampered;

    private final TradeSteps steps;

    private final AgreementGuard guard;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    ContractService(ContractRepository contracts, ContractBodies bodies, TamperedBodies tampered, TradeSteps steps,
                    AgreementGuard guard, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.contracts = contracts;
        this.bodies = bodies;
        this.tampered = tampered;
        this.steps = steps;
        this.guard = guard;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Drafts a contract with a connected partner, at revision 1. */
    Mono<ContractView> create(Caller caller, UUID counterpartyId, TradeSide drafterSide, ContractTerms terms) {
        UUID drafter = caller.companyId();
        RuntimeException invalid = invalid(terms);
        if (invalid != null) {
            return Mono.error(invalid);
        }
        Instant now = Times.now(clock);
        return steps.connected(drafter, counterpartyId, "counterpartyId", "counterparty")
                .then(contracts.newId())
                .flatMap(id -> contracts.insert(id, drafter, counterpartyId, drafterSide, caller.actor().id(), now)
                        .then(written(caller, id, 1, terms, now))
                        .then(contracts.find(id)))
                .flatMap(row -> recorded(caller, row, AuditAction.CONTRACT_CREATE, row.status().getValue())
                        .thenReturn(row))
                .as(tx::transactional)
                .flatMap(this::view);
    }

    /** The contract, if the caller's company may see it. */
    Mono<ContractRow> find(Caller caller, UUID id) {
        return contracts.find(id)
                .filter(contract -> contract.roleOf(caller.companyId()) != null)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("contract")));
    }

    /** The current revision and its amount, of a contract the caller's company may see. */
    Mono<ContractApprovals.Current> current(Caller caller, UUID id) {
        return contracts.find(id)
                .filter(contract -> contract.roleOf(caller.companyId()) != null)
                .flatMap(contract -> contracts.revision(id, contract.revision()))
                .map(stored -> new ContractApprovals.Current(id, stored.revision(), amount(stored)));
    }

    Mono<ContractView> get(Caller caller, UUID id) {
        return find(caller, id).flatMap(this::view);
    }

    Mono<Revision> revision(Caller caller, UUID id, int revision) {
        return find(caller, id)
                .filter(contract -> revision <= contract.revision())
                .flatMap(contract -> contracts.revision(id, revision))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("revision")))
                .flatMap(this::read);
    }

    /**
     * A page of the caller's contracts; {@code expiringWithinDays} keeps the agreed ones that
     * expire from today (in Japan) to that many days later.
     */
    Flux<ContractView> list(Caller caller, ContractStatus status, UUID partnerId, Integer expiringWithinDays,
                            PageCursor after, int fetch) {
        LocalDate today = TradeDates.today(clock);
        LocalDate by = expiringWithinDays == null ? null : today.plusDays(expiringWithinDays);
        return contracts.list(caller.companyId(), status, partnerId, today, by, after, fetch).concatMap(this::view);
    }

    /** Writes a new revision, the one before kept. */
    Mono<ContractView> revise(Caller caller, UUID id, String ifMatch, ContractTerms terms) {
        return find(caller, id).flatMap(contract -> {
            RuntimeException refused = refusal(caller, contract, ContractAction.REVISE, ifMatch);
            if (refused == null) {
                refused = invalid(terms);
            }
            if (refused != null) {
                return Mono.error(refused);
            }
            Instant now = Times.now(clock);
            int next = contract.revision() + 1;
            return moved(contract, ContractAction.REVISE, next, null, now)
                    .then(written(caller, id, next, terms, now))
                    .then(contracts.find(id))
                    .flatMap(after -> recorded(caller, after, AuditAction.CONTRACT_REVISE,
                            after.status().getValue() + " (revision " + next + ")").thenReturn(after))
                    .as(tx::transactional)
                    .flatMap(this::view);
        });
    }

    /** Sends, asks for changes or cancels: a move of the state alone, with the reason given, if any. */
    Mono<ContractView> apply(Caller caller, UUID id, String ifMatch, ContractAction action, String note) {
        return find(caller, id).flatMap(contract -> {
            RuntimeException refused = refusal(caller, contract, action, ifMatch);
            if (refused != null) {
                return Mono.error(refused);
            }
            return moved(contract, action, contract.revision(), note, Times.now(clock))
                    .then(contracts.find(id))
                    .flatMap(after -> recorded(caller, after, action.audited(),
                            note == null ? after.status().getValue() : after.status().getValue() + ": " + note)
                            .thenReturn(after))
                    .as(tx::transactional)
                    .flatMap(this::view);
        });
    }

    /**
     * Records the caller's company's agreement to {@code revision}, which must be the current
     * one; the drafter agrees only to the revision, and the hash, the counterparty agreed to. An
     * approval route of the company covering the revision's amount needs its approval first.
     */
    Mono<ContractView> agree(Caller caller, UUID id, String ifMatch, int revision) {
        return find(caller, id).flatMap(contract -> {
            ContractAction action = ContractAction.agreeAs(contract.roleOf(caller.companyId()));
            RuntimeException refused = refusal(caller, contract, action, ifMatch);
            if (refused == null && revision != contract.revision()) {
                refused = new ConflictException("The contract is at revision " + contract.revision()
                        + ", not " + revision + ": read it again and agree to the revision it now has.");
            }
            if (refused != null) {
                return Mono.error(refused);
            }
            Instant now = Times.now(clock);
            return contracts.revision(id, revision)
                    .zipWith(contracts.agreements(id).collectList())
                    .flatMap(found -> {
                        String sha256 = found.getT1().sha256();
                        boolean sameAsOther = found.getT2().stream()
                                .allMatch(other -> other.revision() == revision && other.sha256().equals(sha256));
                        if (!sameAsOther) {
                            return Mono.<ContractRow>error(new ConflictException("The counterparty agreed to another revision"
                                    + " than " + revision + "; both parties agree to the same wording."));
                        }
                        return guard.cleared(caller.companyId(), id, revision, amount(found.getT1()))
                                .then(moved(contract, action, revision, null, now))
                                .then(contracts.agree(id, caller.companyId(), revision, sha256,
                                        caller.actor().type().getValue(), caller.actor().id(), now))
                                .then(contracts.find(id))
                                .flatMap(after -> recorded(caller, after, action.audited(),
                                        after.status().getValue() + " (revision " + revision + ", sha256 " + sha256
                                                + ")").thenReturn(after))
                                .as(tx::transactional);
                    })
                    .flatMap(this::view);
        });
    }

    /**
     * Whether the agreed revision's stored body still hashes to what both parties signed: both
     * must have agreed to one revision, and its body must decrypt.
     */
    Mono<Verification> verify(Caller caller, UUID id) {
        return find(caller, id).flatMap(contract -> contracts.agreements(id).collectList().flatMap(agreements -> {
            if (agreements.size() < 2) {
                return Mono.just(new Verification(contract.id(), false, null, null,
                        "Both parties have not agreed to the contract.", agreements));
            }
            int revision = agreements.get(0).revision();
            if (agreements.stream().anyMatch(agreement -> agreement.revision() != revision)) {
                return Mono.just(new Verification(contract.id(), false, null, null,
                        "The parties agreed to different revisions.", agreements));
            }
            return contracts.revision(id, revision)
                    .flatMap(bodies::decrypt)
                    .map(body -> {
                        String sha256 = ContractBodies.sha256(body);
                        boolean signed = agreements.stream().allMatch(agreement -> agreement.sha256().equals(sha256));
                        return new Verification(contract.id(), signed, revision, sha256, signed ? null
                                : "The stored body does not hash to what the parties agreed to.", agreements);
                    })
                    .onErrorResume(DecryptionException.class, ex -> Mono.just(new Verification(contract.id(), false,
                            revision, null, "The stored body no longer decrypts: it was changed at rest.",
                            agreements)));
        }));
    }

    private static RuntimeException refusal(Caller caller, ContractRow contract, ContractAction action,
                                            String ifMatch) {
        ContractAction.Role role = contract.roleOf(caller.companyId());
        boolean byParty = action.role() == ContractAction.Role.EITHER || action.role() == role;
        return CONTRACT.refusal(action.role().name().toLowerCase(), byParty, action.verb(), ifMatch,
                contract.version(), contract.status().getValue(),
                action.from().stream().map(ContractStatus::getValue).toList());
    }

    private Mono<Void> moved(ContractRow contract, ContractAction action, int revision, String note, Instant now) {
        return contracts.move(contract.id(), contract.version(), action, action.to(contract.status()), revision, note,
                        now)
                .flatMap(changed -> changed ? Mono.<Void>empty() : Mono.error(CONTRACT.stale()));
    }

    /** A revision written: its body encrypted under the drafter's data key, its hash kept beside it. */
    private Mono<Void> written(Caller caller, UUID contractId, int revision, ContractTerms terms, Instant now) {
        String sha256 = ContractBodies.sha256(terms.body());
        return contracts.newId().flatMap(revisionId -> bodies.encrypt(caller.companyId(), revisionId, terms.body())
                .flatMap(ciphertext -> contracts.insertRevision(revisionId, contractId, revision, caller.companyId(),
                        terms, ciphertext, sha256, caller.actor().id(), now)));
    }

    private Mono<ContractView> view(ContractRow contract) {
        return contracts.revision(contract.id(), contract.revision())
                .flatMap(this::read)
                .zipWith(contracts.agreements(contract.id()).collectList())
                .map(found -> new ContractView(contract, found.getT1(), found.getT2()));
    }

    /** The revision with its body decrypted; a body changed at rest answers the integrity-failure problem. */
    private Mono<Revision> read(StoredRevision stored) {
        return bodies.decrypt(stored).onErrorResume(DecryptionException.class, failure -> tampered.reported(stored,
                failure)).map(body -> {
            ContractTerms t = stored.terms();
            return new Revision(stored.revision(), new ContractTerms(t.title(), t.contractType(), t.amount(),
                    t.effectiveDate(), t.expiryDate(), t.renewalDate(), t.autoRenew(), body), stored.sha256(),
                    stored.createdAt());
        });
    }

    /** The revision's amount; a contract stating none counts as 0. */
    private static long amount(StoredRevision revision) {
        return revision.terms().amount() == null ? 0L : revision.terms().amount();
    }

    private static RuntimeException invalid(ContractTerms terms) {
        if (terms.expiryDate().isBefore(terms.effectiveDate())) {
            return new UnprocessableFieldException("expiryDate", "The contract expires on " + terms.expiryDate()
                    + ", before it takes effect on " + terms.effectiveDate() + ".");
        }
        return null;
    }

    /**
     * The step on the audit trail and, once the counterparty has seen the contract, in its
     * history: a draft is the drafter's only.
     */
    private Mono<Void> recorded(Caller caller, ContractRow after, AuditAction action, String reason) {
        if (!after.sent()) {
            return audit.record(new AuditEntry(after.partyA().id(), caller.actor(), action, DocumentType.CONTRACT.value(),
                    after.id(), AuditOutcome.SUCCESS, Map.of("status", after.status().getValue(),
                    "version", after.version())));
        }
        return contracts.revision(after.id(), after.revision()).flatMap(current -> steps.recorded(caller,
                new TradeSteps.Step(DocumentType.CONTRACT, after.id(), after.sellerId(), after.buyerId(),
                        after.status().getValue(), after.version()), ContractHistory.of(after, current), action,
                reason));
    }

    /** What {@code GET …/verification} reports. */
    record Verification(UUID contractId, boolean verified, Integer revision, String sha256, String reason,
                        List<Agreement> agreements) {
    }
}
