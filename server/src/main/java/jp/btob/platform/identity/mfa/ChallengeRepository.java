package jp.btob.platform.identity.mfa;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.MfaChannel;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Second-factor challenges; every change of one is a single conditional statement. */
@Repository
class ChallengeRepository {

    private final DatabaseClient db;

    ChallengeRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(String id, UUID userId, UUID companyId, MfaChannel channel, byte[] codeHash, String keyId,
                      Instant now, Instant expiresAt) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO mfa_challenge (id, user_id, company_id, channel, code_hash, code_key_id,
                                                   created_at, last_sent_at, expires_at)
                        VALUES (:id, :user, :company, :channel, :hash, :key, :now, :now, :expires)
                        """)
                .bind("id", id).bind("user", userId).bind("company", companyId).bind("channel", channel.getValue())
                .bind("now", now).bind("expires", expiresAt);
        spec = codeHash == null ? spec.bindNull("hash", byte[].class).bindNull("key", String.class)
                : spec.bind("hash", codeHash).bind("key", keyId);
        return spec.fetch().rowsUpdated().then();
    }

    /**
     * Counts one attempt and answers the challenge, if it is still alive and had attempts left;
     * the check and the count are one statement, so parallel attempts cannot exceed the limit.
     */
    Mono<Counted> countAttempt(String id, Instant now, int maxAttempts) {
        return db.sql("""
                        UPDATE mfa_challenge SET attempts = attempts + 1
                        WHERE id = :id AND consumed_at IS NULL AND expires_at > :now AND attempts < :max
                        RETURNING user_id, company_id, channel, code_hash, code_key_id
                        """)
                .bind("id", id).bind("now", now).bind("max", maxAttempts)
                .map((row, meta) -> new Counted(id, row.get("user_id", UUID.class), row.get("company_id", UUID.class),
                        MfaChannel.fromValue(row.get("channel", String.class)), row.get("code_hash", byte[].class),
                        row.get("code_key_id", String.class)))
                .one();
    }

    /** Whose challenge this is, alive or not: for the audit trail of a refused attempt. */
    Mono<Counted> owner(String id) {
        return db.sql("SELECT user_id, company_id, channel FROM mfa_challenge WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> new Counted(id, row.get("user_id", UUID.class), row.get("company_id", UUID.class),
                        MfaChannel.fromValue(row.get("channel", String.class)), null, null))
                .one();
    }

    /** Uses the challenge up; true for the one caller that did. */
    Mono<Boolean> consume(String id, Instant now) {
        return db.sql("UPDATE mfa_challenge SET consumed_at = :now WHERE id = :id AND consumed_at IS NULL AND expires_at > :now")
                .bind("id", id).bind("now", now)
                .fetch().rowsUpdated()
                .map(updated -> updated == 1);
    }

    /**
     * Replaces the code of a live e-mail or SMS challenge if it may have another now; answers
     * where to send it. Attempts already spent stay spent.
     */
    Mono<Counted> replaceCode(String id, byte[] codeHash, String keyId, Instant now, Instant sentBefore, int maxResends,
                              Instant expiresAt) {
        return db.sql("""
                        UPDATE mfa_challenge
                        SET code_hash = :hash, code_key_id = :key, resends = resends + 1, last_sent_at = :now,
                            expires_at = :expires
                        WHERE id = :id AND consumed_at IS NULL AND expires_at > :now AND channel <> 'TOTP'
                          AND resends < :max AND last_sent_at <= :sentBefore
                        RETURNING user_id, company_id, channel
                        """)
                .bind("hash", codeHash).bind("key", keyId).bind("now", now).bind("expires", expiresAt)
                .bind("id", id).bind("max", maxResends).bind("sentBefore", sentBefore)
                .map((row, meta) -> new Counted(id, row.get("user_id", UUID.class), row.get("company_id", UUID.class),
                        MfaChannel.fromValue(row.get("channel", String.class)), null, null))
                .one();
    }

    record Counted(String id, UUID userId, UUID companyId, MfaChannel channel, byte[] codeHash, String keyId) {
    }
}
