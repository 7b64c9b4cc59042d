package jp.btob.platform.invoice.settings;

import java.time.Clock;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The invoicing settings in force for each company, and their changes: written only at the version
 * their sender read, and committed with their audit event or not at all.
 */
@Service
public class InvoicingSettingsService {

    private static final VersionedIssuerSettings DEFAULTS = new VersionedIssuerSettings(IssuerSettings.DEFAULTS, 0,
            null, null);

    private final InvoicingSettingsRepository repository;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    InvoicingSettingsService(InvoicingSettingsRepository repository, AuditLog audit, TransactionalOperator tx,
                             Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The settings in force for the company: its own, or the platform's defaults. */
    public Mono<IssuerSettings> forCompany(UUID companyId) {
        return current(companyId).map(VersionedIssuerSettings::settings);
    }

    Mono<VersionedIssuerSettings> read(Caller caller) {
        return current(caller.companyId());
    }

    /**
     * Replaces the company's settings if {@code ifMatch} names the version in force; a concurrent
     * writer that saved first makes this one fail, never overwritten unseen.
     */
    Mono<VersionedIssuerSettings> update(Caller caller, IssuerSettings requested, String ifMatch) {
        UUID companyId = caller.companyId();
        return current(companyId)
                .flatMap(before -> {
                    if (!ETags.matches(ifMatch, before.version())) {
                        return Mono.error(stale());
                    }
                    return repository.save(companyId, requested, before.version(), Times.now(clock),
                                    caller.actor().id())
                            .switchIfEmpty(Mono.error(InvoicingSettingsService::stale))
                            .flatMap(after -> audit.record(new AuditEntry(companyId, caller.actor(),
                                            AuditAction.SETTINGS_INVOICING_UPDATE, "invoicing-settings", companyId,
                                            AuditOutcome.SUCCESS, Map.of(
                                                    "before", InvoicingSettingsMapper.describe(before.settings()),
                                                    "after", InvoicingSettingsMapper.describe(after.settings()),
                                                    "version", after.version())))
                                    .thenReturn(after));
                })
                .as(tx::transactional);
    }

    private Mono<VersionedIssuerSettings> current(UUID companyId) {
        return repository.find(companyId).defaultIfEmpty(DEFAULTS);
    }

    private static PreconditionFailedException stale() {
        return new PreconditionFailedException("The settings are not at the version that If-Match names: another "
                + "change may have been saved since you read them. Read them again and send their ETag, quotes "
                + "included, as If-Match.");
    }
}
