package jp.btob.platform.apiclient;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.permission.Permissions;
import jp.btob.platform.settings.ip.IpAllowlistColumn;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** API clients and their secrets, found by the SHA-256 of a secret. */
@Repository
class ApiClientRepository {

    private static final String SELECT = """
            SELECT c.id, c.name, c.scopes, c.expires_at, c.created_at, c.last_used_at,
                   cur.prefix, cur.created_at AS secret_created_at,
                   (SELECT max(p.valid_until) FROM api_client_secret p
                    WHERE p.client_id = c.id AND p.valid_until > :now) AS previous_valid_until
            FROM api_client c JOIN api_client_secret cur ON cur.client_id = c.id AND cur.valid_until IS NULL
            WHERE c.company_id = :company AND c.revoked_at IS NULL
            """;

    /** Read on every API client's request: the statement, with the company's IP allow-list, made once. */
    private static final String FIND_LIVE = """
            SELECT c.id, c.company_id, c.scopes, c.last_used_at, %s
            FROM api_client_secret s
                 JOIN api_client c ON c.id = s.client_id
                 JOIN company co ON co.id = c.company_id
            WHERE s.secret_hash = :hash AND (s.valid_until IS NULL OR s.valid_until > :now)
              AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > :now)
              AND co.status = 'ACTIVE'
            """.formatted(IpAllowlistColumn.of("c.company_id"));

    private final DatabaseClient db;

    ApiClientRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The client whose secret this is, if the secret is current or within its overlap, the
     * client neither revoked nor expired and its company active: one lookup of the unique index.
     */
    Mono<LiveClient> findLive(byte[] secretHash, Instant now) {
        return db.sql(FIND_LIVE)
                .bind("hash", secretHash)
                .bind("now", now)
                .map((row, meta) -> new LiveClient(row.get("id", UUID.class), row.get("company_id", UUID.class),
                        Set.copyOf(scopes(row)), row.get("last_used_at", Instant.class),
                        IpAllowlistColumn.read(row)))
                .one();
    }

    /** For a refused secret the platform knows: its client, company and why it no longer works. */
    Mono<RefusedClient> findRefused(byte[] secretHash, Instant now) {
        return db.sql("""
                        SELECT c.id, c.company_id,
                               CASE WHEN c.revoked_at IS NOT NULL THEN 'revoked'
                                    WHEN c.expires_at IS NOT NULL AND c.expires_at <= :now THEN 'expired'
                                    WHEN s.valid_until IS NOT NULL AND s.valid_until <= :now THEN 'secret-rotated'
                                    ELSE 'company-suspended' END AS reason
                        FROM api_client_secret s
                             JOIN api_client c ON c.id = s.client_id
                        WHERE s.secret_hash = :hash
                        """)
                .bind("hash", secretHash)
                .bind("now", now)
                .map((row, meta) -> new RefusedClient(row.get("id", UUID.class), row.get("company_id", UUID.class),
                        row.get("reason", String.class)))
                .one();
    }

    /** Writes down a use of the client, unless a concurrent request already wrote one as recent. */
    Mono<Void> touch(UUID clientId, Instant now) {
        return db.sql("UPDATE api_client SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :now)")
                .bind("now", now)
                .bind("id", clientId)
                .then();
    }

    Flux<ApiClientRow> list(UUID companyId, Instant now) {
        return db.sql(SELECT + " ORDER BY c.created_at, c.id")
                .bind("company", companyId)
                .bind("now", now)
                .map(ApiClientRepository::row)
                .all();
    }

    Mono<ApiClientRow> find(UUID id, UUID companyId, Instant now) {
        return db.sql(SELECT + " AND c.id = :id")
                .bind("company", companyId)
                .bind("now", now)
                .bind("id", id)
                .map(ApiClientRepository::row)
                .one();
    }

    /** A new client, unless the company already has {@code max} live ones; answers its ID. */
    Mono<UUID> insert(UUID companyId, Fields fields, UUID createdBy, Instant now, int max) {
        return db.sql("""
                        INSERT INTO api_client (id, company_id, name, scopes, expires_at, created_by, created_at, updated_at)
                        SELECT gen_random_uuid(), :company, :name, :scopes, :expiresAt, :createdBy, :now, :now
                        WHERE (SELECT count(*) FROM api_client WHERE company_id = :company AND revoked_at IS NULL) < :max
                        RETURNING id
                        """)
                .bind("company", companyId)
                .bind("name", fields.name())
                .bind("scopes", names(fields.scopes()))
                .bind("expiresAt", Parameter.fromOrEmpty(fields.expiresAt(), Instant.class))
                .bind("createdBy", createdBy)
                .bind("now", now)
                .bind("max", max)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    /** Locks a live client of the company for a change; answers its scopes before the change. */
    Mono<List<Permission>> lock(UUID id, UUID companyId) {
        return db.sql("SELECT scopes FROM api_client WHERE id = :id AND company_id = :company AND revoked_at IS NULL FOR UPDATE")
                .bind("id", id)
                .bind("company", companyId)
                .map(ApiClientRepository::scopes)
                .one();
    }

    Mono<Void> update(UUID id, Fields fields, Instant now) {
        return db.sql("UPDATE api_client SET name = :name, scopes = :scopes, expires_at = :expiresAt, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("name", fields.name())
                .bind("scopes", names(fields.scopes()))
                .bind("expiresAt", Parameter.fromOrEmpty(fields.expiresAt(), Instant.class))
                .bind("now", now)
                .then();
    }

    Mono<Boolean> revoke(UUID id, UUID companyId, Instant now) {
        return db.sql("UPDATE api_client SET revoked_at = :now, updated_at = :now WHERE id = :id AND company_id = :company AND revoked_at IS NULL")
                .bind("id", id)
                .bind("company", companyId)
                .bind("now", now)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /**
     * Replaces the current secret: an earlier one still in its overlap ends now, the current one
     * works until {@code previousUntil}; run it in the transaction that locked the client.
     */
    Mono<Void> rotate(UUID clientId, byte[] secretHash, String prefix, Instant now, Instant previousUntil) {
        return db.sql("UPDATE api_client_secret SET valid_until = :now WHERE client_id = :id AND valid_until > :now")
                .bind("id", clientId).bind("now", now)
                .then()
                .then(db.sql("UPDATE api_client_secret SET valid_until = :until WHERE client_id = :id AND valid_until IS NULL")
                        .bind("id", clientId).bind("until", previousUntil)
                        .then())
                .then(insertSecret(clientId, secretHash, prefix, now));
    }

    Mono<Void> insertSecret(UUID clientId, byte[] secretHash, String prefix, Instant now) {
        return db.sql("""
                        INSERT INTO api_client_secret (id, client_id, secret_hash, prefix, created_at)
                        VALUES (gen_random_uuid(), :id, :hash, :prefix, :now)
                        """)
                .bind("id", clientId)
                .bind("hash", secretHash)
                .bind("prefix", prefix)
                .bind("now", now)
                .then();
    }

    private static ApiClientRow row(Readable row) {
        return new ApiClientRow(row.get("id", UUID.class), row.get("name", String.class), scopes(row),
                row.get("expires_at", Instant.class), row.get("created_at", Instant.class),
                row.get("last_used_at", Instant.class), row.get("prefix", String.class),
                row.get("secret_created_at", Instant.class), row.get("previous_valid_until", Instant.class));
    }

    /** The stored scopes the catalogue still knows, by name. */
    private static List<Permission> scopes(Readable row) {
        String[] names = row.get("scopes", String[].class);
        return names == null ? List.of() : Permissions.functions(Arrays.stream(names).map(Permissions::parse)
                .flatMap(Optional::stream).collect(Collectors.toSet()));
    }

    private static String[] names(Collection<Permission> scopes) {
        return scopes.stream().map(Permission::getValue).sorted().toArray(String[]::new);
    }

    /** What an administrator sets on a client. */
    record Fields(String name, List<Permission> scopes, Instant expiresAt) {
    }

    /** A client whose secret authenticates this request. */
    /** A live client, with its company's IP allow-list read in the same statement. */
    record LiveClient(UUID id, UUID companyId, Set<Permission> scopes, Instant lastUsedAt, List<String> allowlist) {
    }

    /** A client whose secret the platform knows but refused, and why. */
    record RefusedClient(UUID id, UUID companyId, String reason) {
    }
}
