package jp.btob.platform.contract;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.crypto.DecryptionException;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.problem.IntegrityFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A contract body that no longer decrypts was changed at rest (SEC-ENC): the read answers the
 * integrity-failure problem, with none of the body, and a {@code contract.integrity-failure}
 * event goes on the reader's company's audit trail, the platform's alert rule on it telling the
 * operators. Outside a request (no caller), the event goes on the drafter's trail, by the platform.
 */
@Component
class TamperedBodies {

    private static final Logger log = LoggerFactory.getLogger(TamperedBodies.class);

    private final AuditLog audit;

    TamperedBodies(AuditLog audit) {
        this.audit = audit;
    }

    <T> Mono<T> reported(StoredRevision revision, DecryptionException failure) {
        log.error("Contract {} revision {} does not decrypt: changed at rest", revision.contractId(),
                revision.revision(), failure);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("revision", revision.revision());
        details.put("revisionId", revision.id().toString());
        details.put("sha256", revision.sha256());
        return Callers.current()
                .map(caller -> entry(caller, revision, details))
                .defaultIfEmpty(new AuditEntry(revision.companyId(), null, AuditAction.CONTRACT_INTEGRITY_FAILURE,
                        DocumentType.CONTRACT.value(), revision.contractId(), AuditOutcome.FAILURE, details))
                .flatMap(audit::record)
                .then(Mono.error(new IntegrityFailureException("Revision " + revision.revision()
                        + " of this contract was changed where it is stored: its body no longer decrypts, so it is"
                        + " not shown. The platform's operators have been alerted; GET …/verification reports the"
                        + " same.")));
    }

    private static AuditEntry entry(Caller caller, StoredRevision revision, Map<String, Object> details) {
        return new AuditEntry(caller.companyId(), caller.actor(), AuditAction.CONTRACT_INTEGRITY_FAILURE,
                DocumentType.CONTRACT.value(), revision.contractId(), AuditOutcome.FAILURE, details);
    }
}
