package jp.btob.platform.sso;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.IdentityProviderInput;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.sso.IdentityProviderRepository.Fields;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a company administrator does with identity providers and SSO options. Every change takes
 * the company's row lock and commits with its audit event or not at all; the client secret is
 * encrypted under the company's data key before it reaches the database, and never answered.
 */
@Service
class ProviderAdministration {

    static final int MAX_PROVIDERS = 10;

    private static final String PROVIDER = "identity provider";

    private final IdentityProviderRepository providers;

    private final ProviderRules rules;

    private final FieldEncryption encryption;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    ProviderAdministration(IdentityProviderRepository providers, ProviderRules rules, FieldEncryption encryption,
                           AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.providers = providers;
        this.rules = rules;
        this.encryption = encryption;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Flux<IdentityProvider> list(Caller caller) {
        return providers.list(caller.companyId());
    }

    Mono<IdentityProvider> find(Caller caller, UUID id) {
        return providers.find(id, caller.companyId()).switchIfEmpty(Mono.error(() -> Tenancy.notFound(PROVIDER)));
    }

    Mono<IdentityProvider> create(Caller caller, IdentityProviderInput input) {
        Instant now = Times.now(clock);
        return rules.check(caller, input, null)
                .flatMap(checked -> providers.newId().flatMap(id -> encrypted(caller.companyId(), id, checked.clientSecret())
                        .flatMap(secret -> providers.lockCompany(caller.companyId())
                                .then(providers.insert(id, caller.companyId(), checked.fields(), secret.orElse(null),
                                        now, MAX_PROVIDERS))
                                .filter(Boolean::booleanValue)
                                .switchIfEmpty(Mono.error(() -> new UnprocessableException("A company has at most "
                                        + MAX_PROVIDERS + " identity providers; remove one first.")))
                                .then(audited(caller, AuditAction.SSO_PROVIDER_CREATE, id,
                                        describe(checked.fields(), checked.clientSecret() != null)))
                                .as(tx::transactional))
                        .then(Mono.defer(() -> find(caller, id)))));
    }

    Mono<IdentityProvider> update(Caller caller, UUID id, IdentityProviderInput input) {
        Instant now = Times.now(clock);
        return find(caller, id)
                .flatMap(current -> rules.check(caller, input, current))
                .flatMap(checked -> encrypted(caller.companyId(), id, checked.clientSecret())
                        .flatMap(secret -> providers.lockCompany(caller.companyId())
                                .then(providers.lock(id, caller.companyId()))
                                .switchIfEmpty(Mono.error(() -> Tenancy.notFound(PROVIDER)))
                                .flatMap(before -> keepsAWayIn(caller.companyId(), id, checked.fields().enabled())
                                        .then(providers.update(id, checked.fields(), secret.orElse(null), now)))
                                .then(audited(caller, AuditAction.SSO_PROVIDER_UPDATE, id,
                                        describe(checked.fields(), checked.clientSecret() != null)))
                                .as(tx::transactional)))
                .then(Mono.defer(() -> find(caller, id)));
    }

    Mono<Void> delete(Caller caller, UUID id) {
        return providers.lockCompany(caller.companyId())
                .then(providers.lock(id, caller.companyId()))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound(PROVIDER)))
                .flatMap(before -> keepsAWayIn(caller.companyId(), id, false)
                        .then(providers.delete(id, caller.companyId()))
                        .then(audited(caller, AuditAction.SSO_PROVIDER_DELETE, id,
                                Map.of("name", before.name(), "kind", before.kind().name()))))
                .as(tx::transactional);
    }

    Mono<Boolean> ssoOnly(Caller caller) {
        return providers.ssoOnly(caller.companyId());
    }

    /** Sets the option; turning it on needs an enabled provider, so the users keep a way in. */
    Mono<Boolean> setSsoOnly(Caller caller, boolean ssoOnly) {
        return providers.lockCompany(caller.companyId())
                .then(Mono.zip(providers.ssoOnly(caller.companyId()), providers.countEnabled(caller.companyId(), null)))
                .flatMap(found -> {
                    if (ssoOnly && found.getT2() == 0) {
                        return Mono.error(new UnprocessableException(
                                "Sign-in through identity providers only needs an enabled identity provider first."));
                    }
                    return providers.saveSsoOnly(caller.companyId(), ssoOnly, Times.now(clock))
                            .then(audit.record(new AuditEntry(caller.companyId(), caller.actor(),
                                    AuditAction.SSO_OPTIONS_UPDATE, "company", caller.companyId(), AuditOutcome.SUCCESS,
                                    Map.of("ssoOnlyBefore", found.getT1(), "ssoOnly", ssoOnly))));
                })
                .as(tx::transactional)
                .thenReturn(ssoOnly);
    }

    /** Under sign-in through providers only, the last enabled provider may be neither disabled nor removed. */
    private Mono<Void> keepsAWayIn(UUID companyId, UUID id, boolean stillEnabled) {
        if (stillEnabled) {
            return Mono.empty();
        }
        return Mono.zip(providers.ssoOnly(companyId), providers.countEnabled(companyId, id))
                .flatMap(found -> found.getT1() && found.getT2() == 0
                        ? Mono.error(new UnprocessableException("The company signs in through identity providers only, "
                                + "and this is its last enabled one; turn that option off first."))
                        : Mono.empty());
    }

    /** The secret encrypted for the provider's row; none when no secret is given. */
    private Mono<Optional<byte[]>> encrypted(UUID companyId, UUID id, String secret) {
        return secret == null ? Mono.just(Optional.empty()) : encryption.encrypt(companyId,
                IdentityProviderRepository.CLIENT_SECRET.aad(id), secret.getBytes(StandardCharsets.UTF_8)).map(Optional::of);
    }

    private Mono<Void> audited(Caller caller, AuditAction action, UUID id, Map<String, Object> details) {
        return audit.record(new AuditEntry(caller.companyId(), caller.actor(), action, "identity-provider", id,
                AuditOutcome.SUCCESS, details));
    }

    /** What changed, never the secret: only whether a new one was set. */
    private static Map<String, Object> describe(Fields fields, boolean secretSet) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", fields.name());
        details.put("kind", fields.kind().name());
        details.put("enabled", fields.enabled());
        details.put("jitEnabled", fields.jitEnabled());
        if (fields.jitRoleId() != null) {
            details.put("jitRoleId", fields.jitRoleId().toString());
        }
        if (fields.oidc() != null) {
            details.put("issuer", fields.oidc().issuer());
            details.put("clientId", fields.oidc().clientId());
            details.put("clientSecretSet", secretSet);
        }
        if (fields.saml() != null) {
            details.put("idpEntityId", fields.saml().idpEntityId());
            details.put("ssoUrl", fields.saml().ssoUrl());
            details.put("certificates", fields.saml().certificates().size());
        }
        return details;
    }
}
