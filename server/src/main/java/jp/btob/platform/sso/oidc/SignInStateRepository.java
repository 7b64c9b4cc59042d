package jp.btob.platform.sso.oidc;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** OpenID Connect sign-ins under way, found by the SHA-256 of their state, each consumed once. */
@Repository
class SignInStateRepository {

    private final DatabaseClient db;

    SignInStateRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Keeps a new sign-in, and forgets those whose time is up, so abandoned ones do not pile up. */
    Mono<Void> save(SignInState state, Instant now) {
        return db.sql("DELETE FROM oidc_sign_in WHERE expires_at <= :now")
                .bind("now", now)
                .then()
                .then(db.sql("""
                                INSERT INTO oidc_sign_in (state_hash, provider_id, browser_hash, nonce, code_verifier,
                                                          redirect_uri, expires_at)
                                VALUES (:state, :provider, :browser, :nonce, :verifier, :redirectUri, :expiresAt)
                                """)
                        .bind("state", state.stateHash())
                        .bind("provider", state.providerId())
                        .bind("browser", state.browserHash())
                        .bind("nonce", state.nonce())
                        .bind("verifier", state.codeVerifier())
                        .bind("redirectUri", state.redirectUri())
                        .bind("expiresAt", state.expiresAt())
                        .then());
    }

    /**
     * Takes the sign-in with this state hash away and answers it, in one statement: of two
     * callbacks with the same state, only one finds it, whatever it then finds wrong with it.
     */
    Mono<SignInState> consume(byte[] stateHash) {
        return db.sql("""
                        DELETE FROM oidc_sign_in WHERE state_hash = :state
                        RETURNING state_hash, provider_id, browser_hash, nonce, code_verifier, redirect_uri, expires_at
                        """)
                .bind("state", stateHash)
                .map((row, meta) -> new SignInState(row.get("state_hash", byte[].class), row.get("provider_id", UUID.class),
                        row.get("browser_hash", byte[].class), row.get("nonce", String.class),
                        row.get("code_verifier", String.class), row.get("redirect_uri", String.class),
                        row.get("expires_at", Instant.class)))
                .one();
    }

    /** A sign-in under way: what the callback must match and what the token request needs. */
    record SignInState(byte[] stateHash, UUID providerId, byte[] browserHash, String nonce, String codeVerifier,
                       String redirectUri, Instant expiresAt) {
    }
}
