package jp.btob.platform.sso.saml;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The outstanding AuthnRequests and the assertions accepted, each used once. */
@Repository
class SamlStateRepository {

    private final DatabaseClient db;

    SamlStateRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> saveRequest(OutstandingRequest request) {
        return db.sql("""
                        INSERT INTO saml_request (id, provider_id, company_id, browser_hash, relay_state, created_at, expires_at)
                        VALUES (:id, :provider, :company, :browser, :relayState, :createdAt, :expiresAt)
                        """)
                .bind("id", request.id())
                .bind("provider", request.providerId())
                .bind("company", request.companyId())
                .bind("browser", request.browserHash())
                .bind("relayState", Parameter.fromOrEmpty(request.relayState(), String.class))
                .bind("createdAt", request.createdAt())
                .bind("expiresAt", request.expiresAt())
                .then();
    }

    /**
     * Consumes the provider's unexpired request with this ID started by this browser, in one
     * statement: of two concurrent answers only one gets it. Empty when there is none.
     */
    Mono<Consumed> consumeRequest(String id, UUID providerId, byte[] browserHash, Instant now) {
        return db.sql("""
                        DELETE FROM saml_request
                        WHERE id = :id AND provider_id = :provider AND browser_hash = :browser AND expires_at > :now
                        RETURNING relay_state
                        """)
                .bind("id", id)
                .bind("provider", providerId)
                .bind("browser", browserHash)
                .bind("now", now)
                .map((row, meta) -> new Consumed(row.get("relay_state", String.class)))
                .one();
    }

    /** Records the assertion as used; false when it already was (a replay). */
    Mono<Boolean> useAssertion(SamlAssertion assertion, UUID providerId, Instant now) {
        return db.sql("""
                        INSERT INTO saml_assertion_use (issuer, assertion_id, provider_id, used_at, expires_at)
                        VALUES (:issuer, :id, :provider, :now, :expiresAt)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("issuer", assertion.issuer())
                .bind("id", assertion.id())
                .bind("provider", providerId)
                .bind("now", now)
                .bind("expiresAt", assertion.expiresAt())
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Removes the requests and assertion records past their expiry; answers how many. */
    Mono<Long> purgeExpired(Instant now) {
        Mono<Long> requests = db.sql("DELETE FROM saml_request WHERE expires_at <= :now").bind("now", now)
                .fetch().rowsUpdated();
        Mono<Long> assertions = db.sql("DELETE FROM saml_assertion_use WHERE expires_at <= :now").bind("now", now)
                .fetch().rowsUpdated();
        return requests.zipWith(assertions, Long::sum);
    }

    /** An AuthnRequest awaiting its answer. */
    record OutstandingRequest(String id, UUID providerId, UUID companyId, byte[] browserHash, String relayState,
                              Instant createdAt, Instant expiresAt) {
    }

    /** What the consumed request remembered. */
    record Consumed(String relayState) {
    }
}
