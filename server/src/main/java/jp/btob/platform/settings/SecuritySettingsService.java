package jp.btob.platform.settings;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.PreconditionFailedException;
import jp.btob.platform.system.problem.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The security settings in force for each company, and their changes. A change is checked
 * against the platform's limits and floor, written only at the version its sender read, and
 * committed with its audit event or not at all.
 */
@Service
public class SecuritySettingsService {

    private final SecuritySettingsRepository repository;

    private final SettingsFloor floor;

    private final VersionedSettings defaults;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    SecuritySettingsService(SecuritySettingsRepository repository, SecuritySettingsProperties properties,
                            AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.repository = repository;
        this.floor = properties.floor();
        this.defaults = new VersionedSettings(properties.defaultSettings(), 0, null, null);
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The settings in force for the company: its own under the current floor, or the platform's defaults. */
    public Mono<SecuritySettings> forCompany(UUID companyId) {
        return current(companyId).map(VersionedSettings::settings);
    }

    /**
     * The settings in force for a company whose saved settings are {@code saved} (null when it saved
     * none), as {@link #forCompany} would answer them: for a caller that read them with
     * {@link SecuritySettingsColumns} in a statement of its own.
     */
    public SecuritySettings inForce(SecuritySettings saved) {
        return saved == null ? defaults.settings() : floor.tighten(saved);
    }

    /**
     * The session policy in force for a company whose saved policy is {@code saved} (null when it
     * saved none), as {@link #forCompany} would answer it: for a caller that read the saved policy
     * in a statement of its own, so that no second statement is needed.
     */
    public SessionPolicy sessionInForce(SessionPolicy saved) {
        return saved == null ? defaults.settings().session() : floor.tighten(saved);
    }

    /** The caller's company's settings with their version. */
    Mono<VersionedSettings> read(Caller user) {
        return current(user.companyId());
    }

    private Mono<VersionedSettings> current(UUID companyId) {
        return repository.find(companyId).map(this::inForce).defaultIfEmpty(defaults);
    }

    /**
     * Replaces the company's settings, if they may be saved and {@code ifMatch} names the version
     * in force; a concurrent writer that saved first makes this one fail, never overwritten unseen.
     */
    Mono<VersionedSettings> update(Caller user, SecuritySettings requested, String ifMatch) {
        List<Violation> violations = SettingsRules.check(requested, floor);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream().map(Violation::toFieldError).toList();
            return Mono.error(new UnprocessableException(errors.size() == 1
                    ? "1 setting breaks the rules." : errors.size() + " settings break the rules.", errors));
        }
        UUID companyId = user.companyId();
        Instant now = Times.now(clock);
        return repository.lock(companyId)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(saved -> {
                    VersionedSettings before = saved.map(this::inForce).orElse(defaults);
                    if (!ETags.matches(ifMatch, before.version())) {
                        return Mono.error(stale());
                    }
                    Mono<VersionedSettings> write = saved.isPresent()
                            ? repository.update(companyId, requested, before.version(), now, user.actor().id())
                            : repository.insert(companyId, requested, now, user.actor().id());
                    return write
                            .switchIfEmpty(Mono.error(SecuritySettingsService::stale))
                            .flatMap(after -> audit.record(new AuditEntry(companyId, user.actor(),
                                            AuditAction.SETTINGS_SECURITY_UPDATE, "security-settings", companyId,
                                            AuditOutcome.SUCCESS, Map.of(
                                                    "before", SettingsMapper.describe(before.settings()),
                                                    "after", SettingsMapper.describe(after.settings()),
                                                    "version", after.version())))
                                    .thenReturn(inForce(after)));
                })
                .as(tx::transactional);
    }

    private VersionedSettings inForce(VersionedSettings saved) {
        return saved.withSettings(floor.tighten(saved.settings()));
    }

    private static PreconditionFailedException stale() {
        return new PreconditionFailedException("The settings are not at the version that If-Match names: another "
                + "change may have been saved since you read them. Read them again and send their ETag, quotes "
                + "included, as If-Match.");
    }
}
