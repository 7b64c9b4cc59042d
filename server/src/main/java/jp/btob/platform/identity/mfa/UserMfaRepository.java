package jp.btob.platform.identity.mfa;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.crypto.EncryptedColumn;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Each user's second factor, with the user's address and login ID that codes and apps need. */
@Repository
class UserMfaRepository {

    static final EncryptedColumn TOTP_SECRET = new EncryptedColumn("user_mfa", "user_id", "company_id", "totp_secret");

    static final EncryptedColumn PHONE_NUMBER = new EncryptedColumn("user_mfa", "user_id", "company_id", "phone_number");

    private final DatabaseClient db;

    UserMfaRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user, with no second factor of their own when they have no row yet. */
    Mono<UserMfa> find(UUID userId) {
        return db.sql("""
                        SELECT u.id, u.company_id, u.login_id, u.email, m.channel, m.phone_number, m.phone_hint,
                               m.totp_secret, coalesce(m.totp_confirmed, false) AS totp_confirmed
                        FROM app_user u LEFT JOIN user_mfa m ON m.user_id = u.id
                        WHERE u.id = :id
                        """)
                .bind("id", userId)
                .map((row, meta) -> {
                    String channel = row.get("channel", String.class);
                    return new UserMfa(row.get("id", UUID.class), row.get("company_id", UUID.class),
                            row.get("login_id", String.class), row.get("email", String.class),
                            channel == null ? null : MfaChannel.fromValue(channel), row.get("phone_number", byte[].class),
                            row.get("phone_hint", String.class), row.get("totp_secret", byte[].class),
                            Boolean.TRUE.equals(row.get("totp_confirmed", Boolean.class)));
                })
                .one();
    }

    Mono<Void> choose(UUID userId, UUID companyId, MfaChannel channel, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO user_mfa (user_id, company_id, channel, updated_at) VALUES (:user, :company, :channel, :now)
                        ON CONFLICT (user_id) DO UPDATE SET channel = excluded.channel, updated_at = excluded.updated_at
                        """)
                .bind("user", userId).bind("company", companyId).bind("now", now);
        spec = channel == null ? spec.bindNull("channel", String.class) : spec.bind("channel", channel.getValue());
        return spec.fetch().rowsUpdated().then();
    }

    Mono<Void> setPhone(UUID userId, UUID companyId, byte[] phoneNumber, String hint, Instant now) {
        return db.sql("""
                        INSERT INTO user_mfa (user_id, company_id, phone_number, phone_hint, updated_at)
                        VALUES (:user, :company, :phone, :hint, :now)
                        ON CONFLICT (user_id) DO UPDATE SET phone_number = excluded.phone_number,
                            phone_hint = excluded.phone_hint, updated_at = excluded.updated_at
                        """)
                .bind("user", userId).bind("company", companyId).bind("phone", phoneNumber).bind("hint", hint)
                .bind("now", now)
                .fetch().rowsUpdated().then();
    }

    /** A new, unconfirmed secret; a user who used TOTP stops using it until the new one is confirmed. */
    Mono<Void> startTotp(UUID userId, UUID companyId, byte[] secret, Instant now) {
        return db.sql("""
                        INSERT INTO user_mfa (user_id, company_id, totp_secret, totp_confirmed, updated_at)
                        VALUES (:user, :company, :secret, false, :now)
                        ON CONFLICT (user_id) DO UPDATE SET totp_secret = excluded.totp_secret, totp_confirmed = false,
                            totp_last_step = NULL, updated_at = excluded.updated_at,
                            channel = CASE WHEN user_mfa.channel = 'TOTP' THEN NULL ELSE user_mfa.channel END
                        """)
                .bind("user", userId).bind("company", companyId).bind("secret", secret).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    Mono<Boolean> confirmTotp(UUID userId, long step, Instant now) {
        return db.sql("""
                        UPDATE user_mfa SET totp_confirmed = true, totp_last_step = :step, updated_at = :now
                        WHERE user_id = :user AND totp_secret IS NOT NULL AND NOT totp_confirmed
                        """)
                .bind("user", userId).bind("step", step).bind("now", now)
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    /** Records that a code of this step was used; false when this step or a later one already was. */
    Mono<Boolean> useStep(UUID userId, long step) {
        return db.sql("""
                        UPDATE user_mfa SET totp_last_step = :step
                        WHERE user_id = :user AND totp_confirmed AND (totp_last_step IS NULL OR totp_last_step < :step)
                        """)
                .bind("user", userId).bind("step", step)
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    record UserMfa(UUID userId, UUID companyId, String loginId, String email, MfaChannel channel, byte[] phoneNumber,
                   String phoneHint, byte[] totpSecret, boolean totpConfirmed) {

        boolean hasPhone() {
            return phoneNumber != null;
        }

        /** Whether the user can receive a code by this channel. */
        boolean canUse(MfaChannel candidate) {
            return switch (candidate) {
                case EMAIL -> true;
                case SMS -> hasPhone();
                case TOTP -> totpConfirmed;
            };
        }
    }
}
