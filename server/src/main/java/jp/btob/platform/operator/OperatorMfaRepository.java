package jp.btob.platform.operator;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.crypto.EncryptedColumn;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Each operator's authenticator app, its secret encrypted under the platform's data key. */
@Repository
public class OperatorMfaRepository {

    public static final EncryptedColumn TOTP_SECRET =
            new EncryptedColumn("operator_mfa", "operator_id", "key_owner_id", "totp_secret");

    private final DatabaseClient db;

    OperatorMfaRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The operator's app; empty for an operator who never began to enrol one. */
    Mono<OperatorTotp> find(UUID operatorId) {
        return db.sql("SELECT totp_secret, totp_confirmed FROM operator_mfa WHERE operator_id = :id")
                .bind("id", operatorId)
                .map((row, meta) -> new OperatorTotp(row.get("totp_secret", byte[].class),
                        Boolean.TRUE.equals(row.get("totp_confirmed", Boolean.class))))
                .one();
    }

    /** A new secret awaiting its first code; false when a confirmed one is there, which a login never replaces. */
    Mono<Boolean> startTotp(UUID operatorId, byte[] secret, Instant now) {
        return db.sql("""
                        INSERT INTO operator_mfa AS m (operator_id, totp_secret, totp_confirmed, updated_at)
                        VALUES (:id, :secret, false, :now)
                        ON CONFLICT (operator_id) DO UPDATE SET totp_secret = excluded.totp_secret,
                            totp_last_step = NULL, updated_at = excluded.updated_at
                        WHERE NOT m.totp_confirmed
                        """)
                .bind("id", operatorId).bind("secret", secret).bind("now", now)
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    /**
     * Records that a code of this step was accepted, confirming the secret of an enrolment;
     * false when this step or a later one already was, or the secret is no longer the one the
     * code was checked against.
     */
    Mono<Boolean> useStep(UUID operatorId, byte[] secret, boolean enrolment, long step, Instant now) {
        return db.sql("""
                        UPDATE operator_mfa SET totp_last_step = :step, totp_confirmed = true, updated_at = :now
                        WHERE operator_id = :id AND totp_secret = :secret AND totp_confirmed = :confirmed
                          AND (totp_last_step IS NULL OR totp_last_step < :step)
                        """)
                .bind("id", operatorId).bind("secret", secret).bind("confirmed", !enrolment).bind("step", step)
                .bind("now", now)
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    /** The secret as stored (encrypted), and whether a code has confirmed it. */
    record OperatorTotp(byte[] secret, boolean confirmed) {
    }
}
