package jp.btob.platform.sso;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.crypto.EncryptedColumn;
import jp.btob.platform.sso.IdentityProvider.Kind;
import jp.btob.platform.sso.IdentityProvider.OidcSettings;
import jp.btob.platform.sso.IdentityProvider.SamlSettings;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Identity providers and the companies' SSO options. */
@Repository
class IdentityProviderRepository {

    /** Where the OpenID Connect client secrets live; the key service re-encrypts it after a data-key rotation. */
    static final EncryptedColumn CLIENT_SECRET = new EncryptedColumn("identity_provider", "id", "company_id",
            "client_secret");

    private static final String SELECT = """
            SELECT p.id, p.company_id, p.kind, p.name, p.enabled, p.login_attribute, p.jit_enabled, p.jit_role_id,
                   r.builtin_key, p.issuer, p.client_id, p.client_secret, p.scopes, p.saml_idp_entity_id,
                   p.saml_idp_sso_url, p.saml_idp_certificates, p.saml_metadata_url, p.saml_allow_unsolicited,
                   p.created_at, p.updated_at
            FROM identity_provider p LEFT JOIN company_role r ON r.id = p.jit_role_id
            """;

    private final DatabaseClient db;

    IdentityProviderRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<UUID> newId() {
        return db.sql("SELECT gen_random_uuid() AS id").map((row, meta) -> row.get("id", UUID.class)).one();
    }

    Flux<IdentityProvider> list(UUID companyId) {
        return db.sql(SELECT + " WHERE p.company_id = :company ORDER BY p.created_at, p.id")
                .bind("company", companyId)
                .map((row, meta) -> provider(row))
                .all();
    }

    Mono<IdentityProvider> find(UUID id, UUID companyId) {
        return db.sql(SELECT + " WHERE p.id = :id AND p.company_id = :company")
                .bind("id", id)
                .bind("company", companyId)
                .map((row, meta) -> provider(row))
                .one();
    }

    /** An enabled provider of an active company, with its encrypted client secret, for a sign-in. */
    Mono<Stored> findEnabled(UUID id) {
        return db.sql(SELECT + " JOIN company c ON c.id = p.company_id WHERE p.id = :id AND p.enabled AND c.status = 'ACTIVE'")
                .bind("id", id)
                .map((row, meta) -> new Stored(provider(row), row.get("client_secret", byte[].class)))
                .one();
    }

    /** The enabled providers of the company with this public code. */
    Flux<IdentityProvider> enabledOf(String companyCode) {
        return db.sql(SELECT + """
                         JOIN company c ON c.id = p.company_id
                        WHERE c.code = :code AND c.status = 'ACTIVE' AND p.enabled
                        ORDER BY p.created_at, p.id
                        """)
                .bind("code", companyCode)
                .map((row, meta) -> provider(row))
                .all();
    }

    /** Inserts the provider unless the company already has {@code max}; answers whether it did. */
    Mono<Boolean> insert(UUID id, UUID companyId, Fields fields, byte[] clientSecret, Instant now, int max) {
        GenericExecuteSpec insert = db.sql("""
                        INSERT INTO identity_provider (id, company_id, kind, name, enabled, login_attribute, jit_enabled,
                                                       jit_role_id, issuer, client_id, client_secret, scopes,
                                                       saml_idp_entity_id, saml_idp_sso_url, saml_idp_certificates,
                                                       saml_metadata_url, saml_allow_unsolicited, created_at, updated_at)
                        SELECT :id, :company, :kind, :name, :enabled, :loginAttribute, :jitEnabled, :jitRole, :issuer,
                               :clientId, :clientSecret, :scopes, :entityId, :ssoUrl, :certificates, :metadataUrl,
                               :allowUnsolicited, :now, :now
                        WHERE (SELECT count(*) FROM identity_provider WHERE company_id = :company) < :max
                        """)
                .bind("id", id)
                .bind("company", companyId)
                .bind("kind", fields.kind().name())
                .bind("clientSecret", Parameter.fromOrEmpty(clientSecret, byte[].class))
                .bind("now", now)
                .bind("max", max);
        return bindFields(insert, fields).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Locks the company's provider for a change; answers it as it is before the change. */
    Mono<IdentityProvider> lock(UUID id, UUID companyId) {
        return db.sql(SELECT + " WHERE p.id = :id AND p.company_id = :company FOR UPDATE OF p")
                .bind("id", id)
                .bind("company", companyId)
                .map((row, meta) -> provider(row))
                .one();
    }

    /** Replaces the settings; a null {@code clientSecret} keeps the stored one. */
    Mono<Void> update(UUID id, Fields fields, byte[] clientSecret, Instant now) {
        GenericExecuteSpec update = db.sql("""
                        UPDATE identity_provider SET name = :name, enabled = :enabled, login_attribute = :loginAttribute,
                               jit_enabled = :jitEnabled, jit_role_id = :jitRole, issuer = :issuer, client_id = :clientId,
                               client_secret = COALESCE(:clientSecret, client_secret), scopes = :scopes,
                               saml_idp_entity_id = :entityId, saml_idp_sso_url = :ssoUrl,
                               saml_idp_certificates = :certificates, saml_metadata_url = :metadataUrl,
                               saml_allow_unsolicited = :allowUnsolicited, updated_at = :now
                        WHERE id = :id
                        """)
                .bind("id", id)
                .bind("clientSecret", Parameter.fromOrEmpty(clientSecret, byte[].class))
                .bind("now", now);
        return bindFields(update, fields).then();
    }

    Mono<Boolean> delete(UUID id, UUID companyId) {
        return db.sql("DELETE FROM identity_provider WHERE id = :id AND company_id = :company")
                .bind("id", id)
                .bind("company", companyId)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** How many enabled providers the company has besides {@code except} (null: none excepted). */
    Mono<Long> countEnabled(UUID companyId, UUID except) {
        return db.sql("""
                        SELECT count(*) AS n FROM identity_provider
                        WHERE company_id = :company AND enabled AND id IS DISTINCT FROM :except
                        """)
                .bind("company", companyId)
                .bind("except", Parameter.fromOrEmpty(except, UUID.class))
                .map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    /** The permissions of a custom role of the company, by name; empty when it has no such role. */
    Mono<List<String>> customRolePermissions(UUID roleId, UUID companyId) {
        return db.sql("SELECT permissions FROM company_role WHERE id = :id AND company_id = :company")
                .bind("id", roleId)
                .bind("company", companyId)
                .map((row, meta) -> strings(row, "permissions"))
                .one();
    }

    /** Whether the company signs in only through its providers; false for a company that never said. */
    Mono<Boolean> ssoOnly(UUID companyId) {
        return db.sql("SELECT sso_only FROM company_sso WHERE company_id = :company")
                .bind("company", companyId)
                .map((row, meta) -> row.get("sso_only", Boolean.class))
                .one()
                .defaultIfEmpty(false);
    }

    /** Locks the company's row, so that options and providers change one at a time. */
    Mono<Void> lockCompany(UUID companyId) {
        return db.sql("SELECT id FROM company WHERE id = :company FOR UPDATE")
                .bind("company", companyId)
                .then();
    }

    Mono<Void> saveSsoOnly(UUID companyId, boolean ssoOnly, Instant now) {
        return db.sql("""
                        INSERT INTO company_sso (company_id, sso_only, updated_at) VALUES (:company, :ssoOnly, :now)
                        ON CONFLICT (company_id) DO UPDATE SET sso_only = :ssoOnly, updated_at = :now
                        """)
                .bind("company", companyId)
                .bind("ssoOnly", ssoOnly)
                .bind("now", now)
                .then();
    }

    private static GenericExecuteSpec bindFields(GenericExecuteSpec spec, Fields fields) {
        OidcSettings oidc = fields.oidc();
        SamlSettings saml = fields.saml();
        return spec.bind("name", fields.name())
                .bind("enabled", fields.enabled())
                .bind("loginAttribute", Parameter.fromOrEmpty(fields.loginAttribute(), String.class))
                .bind("jitEnabled", fields.jitEnabled())
                .bind("jitRole", Parameter.fromOrEmpty(fields.jitRoleId(), UUID.class))
                .bind("issuer", Parameter.fromOrEmpty(oidc == null ? null : oidc.issuer(), String.class))
                .bind("clientId", Parameter.fromOrEmpty(oidc == null ? null : oidc.clientId(), String.class))
                .bind("scopes", Parameter.fromOrEmpty(oidc == null ? null : oidc.scopes().toArray(String[]::new),
                        String[].class))
                .bind("entityId", Parameter.fromOrEmpty(saml == null ? null : saml.idpEntityId(), String.class))
                .bind("ssoUrl", Parameter.fromOrEmpty(saml == null ? null : saml.ssoUrl(), String.class))
                .bind("certificates", Parameter.fromOrEmpty(saml == null ? null
                        : saml.certificates().toArray(String[]::new), String[].class))
                .bind("metadataUrl", Parameter.fromOrEmpty(saml == null ? null : saml.metadataUrl(), String.class))
                .bind("allowUnsolicited", saml != null && saml.allowUnsolicited());
    }

    private static IdentityProvider provider(Readable row) {
        Kind kind = Kind.valueOf(row.get("kind", String.class));
        OidcSettings oidc = kind != Kind.OIDC ? null : new OidcSettings(row.get("issuer", String.class),
                row.get("client_id", String.class), null, strings(row, "scopes"));
        SamlSettings saml = kind != Kind.SAML ? null : new SamlSettings(row.get("saml_idp_entity_id", String.class),
                row.get("saml_idp_sso_url", String.class), strings(row, "saml_idp_certificates"),
                row.get("saml_metadata_url", String.class),
                Boolean.TRUE.equals(row.get("saml_allow_unsolicited", Boolean.class)));
        return new IdentityProvider(row.get("id", UUID.class), row.get("company_id", UUID.class), kind,
                row.get("name", String.class), Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                row.get("login_attribute", String.class), Boolean.TRUE.equals(row.get("jit_enabled", Boolean.class)),
                row.get("jit_role_id", UUID.class), row.get("builtin_key", String.class), oidc, saml,
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }

    private static List<String> strings(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** What an administrator sets on a provider, checked; the client secret goes apart, encrypted. */
    record Fields(Kind kind, String name, boolean enabled, String loginAttribute, boolean jitEnabled, UUID jitRoleId,
                  OidcSettings oidc, SamlSettings saml) {
    }

    /** A provider with its client secret as stored, encrypted. */
    record Stored(IdentityProvider provider, byte[] clientSecret) {
    }
}
