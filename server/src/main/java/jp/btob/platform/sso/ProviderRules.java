package jp.btob.platform.sso;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.api.model.IdentityProviderInput;
import jp.btob.platform.api.model.OidcSettingsInput;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.api.model.SamlSettingsInput;
import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Permissions;
import jp.btob.platform.sso.IdentityProvider.Kind;
import jp.btob.platform.sso.IdentityProvider.OidcSettings;
import jp.btob.platform.sso.IdentityProvider.SamlSettings;
import jp.btob.platform.sso.IdentityProviderRepository.Fields;
import jp.btob.platform.system.problem.PermissionEscalationException;
import jp.btob.platform.system.problem.UnprocessableException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks what an administrator sets on an identity provider: the kind's own settings and only
 * them, {@code https} addresses, certificates that parse as X.509, and a JIT role of the company
 * that gives nothing the administrator does not hold. Every broken rule answers 422 naming its field.
 */
@Component
class ProviderRules {

    private static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");

    private final IdentityProviderRepository providers;

    private final SsoProperties properties;

    private final ProviderCalls calls;

    ProviderRules(IdentityProviderRepository providers, SsoProperties properties, ProviderCalls calls) {
        this.providers = providers;
        this.properties = properties;
        this.calls = calls;
    }

    /**
     * The checked fields and the client secret to store (null: keep the stored one). Metadata XML
     * is parsed off the event loop. {@code before}: the provider being changed, null for a new one.
     */
    Mono<Checked> check(Caller caller, IdentityProviderInput input, IdentityProvider before) {
        Kind kind = Kind.valueOf(input.getKind().getValue());
        List<FieldError> errors = new ArrayList<>();
        if (before != null && before.kind() != kind) {
            errors.add(invalid("kind", "A provider's kind cannot change; register a new provider instead."));
        }
        boolean jit = Boolean.TRUE.equals(input.getJitEnabled());
        if (jit && input.getJitRole() == null) {
            errors.add(new FieldError("jitRole", FieldError.CodeEnum.REQUIRED, "Just-in-time provisioning needs a role."));
        }
        String secret = null;
        OidcSettings oidc = null;
        Mono<SamlSettings> saml = Mono.empty();
        if (kind == Kind.OIDC) {
            if (input.getSaml() != null) {
                errors.add(invalid("saml", "An OpenID Connect provider has no SAML settings."));
            }
            if (input.getOidc() == null) {
                errors.add(new FieldError("oidc", FieldError.CodeEnum.REQUIRED, "An OpenID Connect provider needs its settings."));
            }
            else {
                oidc = oidc(input.getOidc(), errors);
                secret = input.getOidc().getClientSecret();
                if (secret == null && before == null) {
                    errors.add(new FieldError("oidc.clientSecret", FieldError.CodeEnum.REQUIRED,
                            "The client secret the provider issued is needed at registration."));
                }
            }
        }
        else {
            if (input.getOidc() != null) {
                errors.add(invalid("oidc", "A SAML provider has no OpenID Connect settings."));
            }
            if (input.getSaml() == null) {
                errors.add(new FieldError("saml", FieldError.CodeEnum.REQUIRED, "A SAML provider needs its settings."));
            }
            else {
                saml = saml(input.getSaml(), errors);
            }
        }
        String clientSecret = secret;
        OidcSettings oidcSettings = oidc;
        return saml.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(samlSettings -> jitRole(caller, input.getJitRole(), errors)
                        .map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(role -> {
                            if (!errors.isEmpty()) {
                                return Mono.error(unprocessable(errors));
                            }
                            return Mono.just(new Checked(new Fields(kind, input.getName().strip(),
                                    !Boolean.FALSE.equals(input.getEnabled()), blankToNull(input.getLoginAttribute()),
                                    jit, role.orElse(null), oidcSettings, samlSettings.orElse(null)), clientSecret));
                        }));
    }

    private OidcSettings oidc(OidcSettingsInput input, List<FieldError> errors) {
        String issuer = input.getIssuer().strip();
        address("oidc.issuer", issuer, errors);
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("openid");
        if (input.getScopes() == null || input.getScopes().isEmpty()) {
            scopes.addAll(DEFAULT_SCOPES);
        }
        else {
            scopes.addAll(input.getScopes());
        }
        return new OidcSettings(issuer, input.getClientId().strip(), null, List.copyOf(scopes));
    }

    private Mono<SamlSettings> saml(SamlSettingsInput input, List<FieldError> errors) {
        boolean allowUnsolicited = Boolean.TRUE.equals(input.getAllowUnsolicited());
        String metadataUrl = blankToNull(input.getMetadataUrl());
        boolean direct = input.getIdpEntityId() != null || input.getSsoUrl() != null
                || input.getCertificates() != null && !input.getCertificates().isEmpty();
        if (input.getMetadata() != null) {
            if (direct) {
                errors.add(invalid("saml.metadata",
                        "Give the metadata or the entity ID, SSO URL and certificates, not both."));
                return Mono.empty();
            }
            return fromMetadata("saml.metadata", Mono.just(input.getMetadata()), metadataUrl, allowUnsolicited, errors);
        }
        if (metadataUrl != null && !direct) {
            return fromMetadata("saml.metadataUrl", fetched(metadataUrl, errors), metadataUrl, allowUnsolicited, errors);
        }
        if (input.getIdpEntityId() == null) {
            errors.add(new FieldError("saml.idpEntityId", FieldError.CodeEnum.REQUIRED, "The provider's entity ID is needed."));
        }
        if (input.getSsoUrl() == null) {
            errors.add(new FieldError("saml.ssoUrl", FieldError.CodeEnum.REQUIRED, "The provider's SSO URL is needed."));
        }
        else {
            address("saml.ssoUrl", input.getSsoUrl().strip(), errors);
        }
        if (input.getCertificates() == null || input.getCertificates().isEmpty()) {
            errors.add(new FieldError("saml.certificates", FieldError.CodeEnum.REQUIRED,
                    "At least one signing certificate of the provider is needed."));
            return Mono.empty();
        }
        certificates("saml.certificates", input.getCertificates(), errors);
        if (input.getIdpEntityId() == null || input.getSsoUrl() == null) {
            return Mono.empty();
        }
        return Mono.just(new SamlSettings(input.getIdpEntityId().strip(), input.getSsoUrl().strip(),
                input.getCertificates().stream().map(String::strip).toList(), metadataUrl, allowUnsolicited));
    }

    /** The settings a provider's metadata gives, parsed off the event loop; what is wrong with it is told about {@code field}. */
    private Mono<SamlSettings> fromMetadata(String field, Mono<byte[]> metadata, String metadataUrl,
                                            boolean allowUnsolicited, List<FieldError> errors) {
        return metadata
                .publishOn(Schedulers.boundedElastic())
                .map(SamlMetadata::parse)
                .map(parsed -> {
                    address(field, parsed.ssoUrl(), errors);
                    certificates(field, parsed.certificates(), errors);
                    return new SamlSettings(parsed.entityId(), parsed.ssoUrl(), parsed.certificates(), metadataUrl,
                            allowUnsolicited);
                })
                .onErrorResume(SamlMetadata.Invalid.class, invalid -> {
                    errors.add(invalid(field, invalid.getMessage()));
                    return Mono.empty();
                });
    }

    /**
     * The metadata the provider publishes at {@code url}, read once at registration: an address
     * the platform refuses, or one that does not answer 2xx within the time limit, is told about
     * {@code saml.metadataUrl}.
     */
    private Mono<byte[]> fetched(String url, List<FieldError> errors) {
        int before = errors.size();
        address("saml.metadataUrl", url, errors);
        if (errors.size() > before) {
            return Mono.empty();
        }
        URI uri = URI.create(url);
        return calls.getXml(uri.getHost(), uri)
                .onErrorResume(failure -> {
                    errors.add(invalid("saml.metadataUrl", "The metadata could not be read from this address ("
                            + (failure instanceof ProviderCalls.Unavailable ? "no answer in time"
                            : failure.getClass().getSimpleName().replace("Exception", "")) + ")."));
                    return Mono.empty();
                });
    }

    /** An absolute {@code https} URL (or {@code http} where the platform allows it), without fragment. */
    private void address(String field, String value, List<FieldError> errors) {
        try {
            URI uri = new URI(value);
            boolean scheme = "https".equals(uri.getScheme())
                    || properties.allowInsecureIssuers() && "http".equals(uri.getScheme());
            if (!scheme || uri.getHost() == null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                errors.add(new FieldError(field, FieldError.CodeEnum.FORMAT,
                        "Must be an https URL with a host and no fragment: " + clip(value) + "."));
            }
        }
        catch (URISyntaxException ex) {
            errors.add(new FieldError(field, FieldError.CodeEnum.FORMAT, "Not a URL: " + clip(value) + "."));
        }
    }

    private static void certificates(String field, List<String> pems, List<FieldError> errors) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < pems.size(); i++) {
                try {
                    factory.generateCertificate(new ByteArrayInputStream(pems.get(i).strip().getBytes(StandardCharsets.US_ASCII)));
                }
                catch (CertificateException ex) {
                    errors.add(new FieldError(field + "[" + i + "]", FieldError.CodeEnum.FORMAT,
                            "Not an X.509 certificate in PEM."));
                }
            }
        }
        catch (CertificateException ex) {
            throw new IllegalStateException("The JDK has no X.509 certificate factory", ex);
        }
    }

    /**
     * The JIT role's ID: a built-in role's key, or a custom role of the caller's company whose
     * permissions the caller all holds (SEC-RBAC: nobody gives what they do not hold).
     */
    private Mono<UUID> jitRole(Caller caller, String value, List<FieldError> errors) {
        if (value == null) {
            return Mono.empty();
        }
        Optional<BuiltInRole> builtIn = BuiltInRole.ofKey(value);
        if (builtIn.isPresent()) {
            return escalation(caller, builtIn.get().permissions()).thenReturn(builtIn.get().id());
        }
        UUID id;
        try {
            id = UUID.fromString(value);
        }
        catch (IllegalArgumentException ex) {
            errors.add(invalid("jitRole", "Not a built-in role's key nor a role ID: " + clip(value) + "."));
            return Mono.empty();
        }
        return providers.customRolePermissions(id, caller.companyId())
                .switchIfEmpty(Mono.fromRunnable(() -> errors.add(invalid("jitRole", "The company has no such role."))))
                .flatMap(names -> escalation(caller, names.stream().map(Permissions::parse).flatMap(Optional::stream)
                        .toList()).thenReturn(id));
    }

    private static Mono<Void> escalation(Caller caller, Collection<Permission> given) {
        List<String> missing = given.stream().filter(permission -> !caller.holds(permission))
                .map(Permission::getValue).sorted().toList();
        return missing.isEmpty() ? Mono.empty() : Mono.error(new PermissionEscalationException(
                "Users provisioned just in time cannot be given permissions you do not hold yourself: "
                        + String.join(", ", missing) + "."));
    }

    private static UnprocessableException unprocessable(List<FieldError> errors) {
        return new UnprocessableException(errors.size() == 1 ? errors.get(0).getMessage()
                : errors.size() + " fields are not valid.", errors);
    }

    private static FieldError invalid(String field, String message) {
        return new FieldError(field, FieldError.CodeEnum.INVALID, message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String clip(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }

    /** Checked fields, and the client secret to store, null to keep the stored one. */
    record Checked(Fields fields, String clientSecret) {
    }
}
