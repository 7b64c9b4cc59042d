package jp.btob.platform.company.management;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jp.btob.platform.admin.TemporaryPasswords;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.CompanyRegistration;
import jp.btob.platform.api.model.CompanyStatus;
import jp.btob.platform.api.model.FirstAdministrator;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.management.ManagedCompanyRepository.ManagedCompany;
import jp.btob.platform.identity.PasswordHasher;
import jp.btob.platform.operator.CurrentOperator;
import jp.btob.platform.settings.PasswordPolicy;
import jp.btob.platform.settings.SecuritySettingsProperties;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.LoginIdTakenException;
import jp.btob.platform.system.problem.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What operators do to companies: register one with its first administrator, suspend it (its
 * live sessions end with it) and reactivate it. Each change is one transaction with its audit
 * events, on the platform's chain (the operators' own) and on the company's.
 */
@Service
class CompanyManagement {

    private static final String CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final ManagedCompanyRepository companies;

    private final TemporaryPasswords passwords;

    private final PasswordHasher hasher;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    private final PasswordPolicy defaultPolicy;

    CompanyManagement(ManagedCompanyRepository companies, TemporaryPasswords passwords, PasswordHasher hasher,
                      AuditLog audit, TransactionalOperator tx, Clock clock, SecuritySettingsProperties settings) {
        this.companies = companies;
        this.defaultPolicy = settings.defaults().password();
        this.passwords = passwords;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<ManagedCompany> find(UUID companyId) {
        return companies.find(companyId, Times.now(clock))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("There is no such company.")));
    }

    Flux<ManagedCompany> list(CompanyStatus status, String name, PageCursor after, int limit) {
        return companies.list(status, name, after, limit, Times.now(clock));
    }

    /**
     * The company and its administrator, or neither: a login ID already taken answers 409 and
     * the transaction leaves no company behind. The IDs are drawn (from the operating system's
     * random source, which may block) and the password hashed off the event loop.
     */
    Mono<Registered> register(CurrentOperator operator, CompanyRegistration registration) {
        FirstAdministrator admin = registration.getAdministrator();
        // A new company has the platform's default settings until its administrator saves its own.
        return passwords.next(defaultPolicy, admin.getLoginId())
                .flatMap(password -> Mono.fromCallable(() -> new Drawn(UUID.randomUUID(), UUID.randomUUID(), newCode(),
                                password))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(drawn -> hasher.hash(drawn.password())
                        .flatMap(hash -> {
                            Instant now = Times.now(clock);
                            Map<String, Object> details = Map.of("code", drawn.code(),
                                    "administratorId", drawn.adminId().toString());
                            return companies.insertCompany(drawn.companyId(), drawn.code(), registration.getName(),
                                            registration.getNameKana(), registration.getRegistrationNumber(), now)
                                    .then(companies.insertAdministrator(drawn.adminId(), drawn.companyId(),
                                            admin.getLoginId(), admin.getDisplayName(), admin.getEmail(), hash, now))
                                    .then(audit.record(entries(operator, drawn.companyId(), AuditAction.COMPANY_CREATE,
                                            details)))
                                    .as(tx::transactional);
                        })
                        .onErrorMap(DataIntegrityViolationException.class, ex -> isLoginIdTaken(ex)
                                ? new LoginIdTakenException(admin.getLoginId()) : ex)
                        .then(Mono.defer(() -> find(drawn.companyId())))
                        .map(company -> new Registered(company, drawn.adminId(), admin.getLoginId(), drawn.password())));
    }

    /** The reason is recorded on the company and in the audit events; the company's live sessions end. */
    Mono<ManagedCompany> suspend(CurrentOperator operator, UUID companyId, String reason) {
        Instant now = Times.now(clock);
        return change(operator, companyId, CompanyTransition.SUSPEND, reason, now,
                companies.endSessions(companyId, now).map(ended -> Map.<String, Object>of("reason", reason,
                        "sessionsEnded", ended)));
    }

    Mono<ManagedCompany> reactivate(CurrentOperator operator, UUID companyId) {
        return change(operator, companyId, CompanyTransition.REACTIVATE, null, Times.now(clock), Mono.just(Map.of()));
    }

    private Mono<ManagedCompany> change(CurrentOperator operator, UUID companyId, CompanyTransition transition,
                                        String reason, Instant now, Mono<Map<String, Object>> effects) {
        return companies.transition(companyId, transition, reason, now)
                .flatMap(applied -> applied ? effects
                        .flatMap(details -> audit.record(entries(operator, companyId, transition.audited(), details)))
                        .thenReturn(true)
                        : refuse(companyId, transition))
                .as(tx::transactional)
                .then(Mono.defer(() -> find(companyId)));
    }

    /** A company in another state answers 409; a missing one 404. */
    private Mono<Boolean> refuse(UUID companyId, CompanyTransition transition) {
        return companies.exists(companyId)
                .flatMap(exists -> Mono.error(exists
                        ? new InvalidTransitionException("Only a company that is " + transition.from().getValue()
                                + " can " + transition.verb() + ".")
                        : new NotFoundException("There is no such company.")));
    }

    private static List<AuditEntry> entries(CurrentOperator operator, UUID companyId, AuditAction audited,
                                            Map<String, Object> details) {
        Actor actor = Actor.operator(operator.operatorId());
        return List.of(
                new AuditEntry(null, actor, audited, "company", companyId, AuditOutcome.SUCCESS, details),
                new AuditEntry(companyId, actor, audited, "company", companyId, AuditOutcome.SUCCESS, details));
    }

    private static boolean isLoginIdTaken(DataIntegrityViolationException ex) {
        return String.valueOf(ex.getMessage()).contains("app_user_login_id_key");
    }

    /** A new public company code; 32^8 codes make a collision negligible, and the unique key would refuse one. */
    private static String newCode() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(CODE_CHARS.charAt(random.nextInt(CODE_CHARS.length())));
        }
        return code.toString();
    }

    private record Drawn(UUID companyId, UUID adminId, String code, String password) {
    }

    /** A company registered, with the administrator's one-time password to show once. */
    record Registered(ManagedCompany company, UUID administratorId, String administratorLoginId,
                      String temporaryPassword) {
    }
}
