package jp.btob.platform.attachment;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.PreconditionFailedException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Each company's limit on the size of the files it attaches (SEC-AV): its own, between 1 KB and
 * the platform's {@code btob.attachments.max-size}, which is also the default and caps a limit
 * saved before the ceiling was lowered. A change is written only at the version its sender read,
 * and committed with its audit event or not at all.
 */
@Service
class AttachmentSettingsService {

    static final long FLOOR = 1024;

    private final AttachmentSettingsRepository repository;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    private final long ceiling;

    AttachmentSettingsService(AttachmentSettingsRepository repository, AuditLog audit, TransactionalOperator tx,
                              AttachmentProperties properties, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.ceiling = properties.maxSize().toBytes();
    }

    /** The platform's ceiling, in bytes. */
    long ceiling() {
        return ceiling;
    }

    /** The largest file, in bytes, the company's uploads may have. */
    Mono<Long> limit(UUID companyId) {
        return current(companyId).map(settings -> settings.limit(ceiling));
    }

    Mono<SizeLimit> read(Caller caller) {
        return current(caller.companyId());
    }

    /**
     * Sets the company's limit if it is within the floor and the ceiling and {@code ifMatch} names the
     * version in force; a concurrent writer that saved first makes this one fail, never overwritten unseen.
     */
    Mono<SizeLimit> update(Caller caller, long maxSize, String ifMatch) {
        if (maxSize < FLOOR || maxSize > ceiling) {
            return Mono.error(new UnprocessableFieldException("maxSize", "must be between " + FLOOR + " and "
                    + ceiling + " bytes (the platform's limit), not " + maxSize));
        }
        UUID companyId = caller.companyId();
        return current(companyId)
                .flatMap(before -> {
                    if (!ETags.matches(ifMatch, before.version())) {
                        return Mono.error(stale());
                    }
                    return repository.save(companyId, maxSize, before.version(), Times.now(clock), caller.actor().id())
                            .switchIfEmpty(Mono.error(AttachmentSettingsService::stale))
                            .flatMap(after -> audit.record(new AuditEntry(companyId, caller.actor(),
                                            AuditAction.SETTINGS_ATTACHMENTS_UPDATE, "attachment-settings", companyId,
                                            AuditOutcome.SUCCESS, changed(before, after)))
                                    .thenReturn(after));
                })
                .as(tx::transactional);
    }

    private Mono<SizeLimit> current(UUID companyId) {
        return repository.find(companyId).defaultIfEmpty(SizeLimit.DEFAULTS);
    }

    private Map<String, Object> changed(SizeLimit before, SizeLimit after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", before.limit(ceiling));
        details.put("after", after.limit(ceiling));
        details.put("version", after.version());
        return details;
    }

    private static PreconditionFailedException stale() {
        return new PreconditionFailedException("The settings are not at the version that If-Match names: another "
                + "change may have been saved since you read them. Read them again and send their ETag, quotes "
                + "included, as If-Match.");
    }
}
