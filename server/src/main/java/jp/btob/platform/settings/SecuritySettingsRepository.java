package jp.btob.platform.settings;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.api.model.SecurityPreset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The settings companies saved, one row each, written only at the version the writer read. */
@Repository
class SecuritySettingsRepository {

    /** The columns of the settings themselves, without the row's company, version and authorship. */
    static final List<String> SETTINGS = List.of("preset", "password_min_length", "password_max_length",
            "password_min_character_classes", "password_history_count", "refuse_common_passwords", "refuse_login_id",
            "password_expiry_days", "idle_timeout_enabled", "idle_timeout_minutes", "absolute_lifetime_minutes",
            "lockout_max_failures", "lockout_window_minutes", "lockout_duration_minutes", "mfa_required",
            "mfa_allowed_channels");

    private static final String COLUMNS = "company_id, " + String.join(", ", SETTINGS) + ", version, updated_at, updated_by";

    private final DatabaseClient db;

    SecuritySettingsRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<VersionedSettings> find(UUID companyId) {
        return db.sql("SELECT " + COLUMNS + " FROM company_security_settings WHERE company_id = :company")
                .bind("company", companyId)
                .map(SecuritySettingsRepository::read)
                .one();
    }

    /** The saved settings, locked until the transaction ends, so that the change audited is the one written. */
    Mono<VersionedSettings> lock(UUID companyId) {
        return db.sql("SELECT " + COLUMNS + " FROM company_security_settings WHERE company_id = :company FOR UPDATE")
                .bind("company", companyId)
                .map(SecuritySettingsRepository::read)
                .one();
    }

    /** The company's first settings, as version 1; empty when another writer saved first. */
    Mono<VersionedSettings> insert(UUID companyId, SecuritySettings settings, Instant now, UUID userId) {
        return bind(db.sql("INSERT INTO company_security_settings (" + COLUMNS + """
                        ) VALUES (:company, :preset, :minLength, :maxLength, :classes, :history, :refuseCommon,
                                  :refuseLoginId, :expiryDays, :idleEnabled, :idleMinutes, :lifetimeMinutes,
                                  :maxFailures, :windowMinutes, :durationMinutes, :mfaRequired, :channels,
                                  1, :now, :userId)
                        ON CONFLICT (company_id) DO NOTHING
                        RETURNING\s""" + COLUMNS), companyId, settings, now, userId)
                .map(SecuritySettingsRepository::read)
                .one();
    }

    /** The settings as the next version, in one statement; empty unless the saved version is {@code expected}. */
    Mono<VersionedSettings> update(UUID companyId, SecuritySettings settings, long expected, Instant now, UUID userId) {
        return bind(db.sql("""
                        UPDATE company_security_settings SET
                            preset = :preset, password_min_length = :minLength, password_max_length = :maxLength,
                            password_min_character_classes = :classes, password_history_count = :history,
                            refuse_common_passwords = :refuseCommon, refuse_login_id = :refuseLoginId,
                            password_expiry_days = :expiryDays, idle_timeout_enabled = :idleEnabled,
                            idle_timeout_minutes = :idleMinutes, absolute_lifetime_minutes = :lifetimeMinutes,
                            lockout_max_failures = :maxFailures, lockout_window_minutes = :windowMinutes,
                            lockout_duration_minutes = :durationMinutes, mfa_required = :mfaRequired,
                            mfa_allowed_channels = :channels, version = version + 1, updated_at = :now,
                            updated_by = :userId
                        WHERE company_id = :company AND version = :expected
                        RETURNING\s""" + COLUMNS).bind("expected", expected), companyId, settings, now, userId)
                .map(SecuritySettingsRepository::read)
                .one();
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec spec, UUID companyId, SecuritySettings settings,
                                           Instant now, UUID userId) {
        PasswordPolicy password = settings.password();
        SessionPolicy session = settings.session();
        LockoutPolicy lockout = settings.lockout();
        return spec.bind("company", companyId)
                .bind("preset", settings.preset().getValue())
                .bind("minLength", password.minLength())
                .bind("maxLength", password.maxLength())
                .bind("classes", password.minCharacterClasses())
                .bind("history", password.historyCount())
                .bind("refuseCommon", password.refuseCommonPasswords())
                .bind("refuseLoginId", password.refuseLoginId())
                .bind("expiryDays", settings.passwordExpiryDays())
                .bind("idleEnabled", session.idleTimeoutEnabled())
                .bind("idleMinutes", session.idleTimeoutMinutes())
                .bind("lifetimeMinutes", session.absoluteLifetimeMinutes())
                .bind("maxFailures", lockout.maxFailures())
                .bind("windowMinutes", lockout.windowMinutes())
                .bind("durationMinutes", lockout.durationMinutes())
                .bind("mfaRequired", settings.mfa().required())
                .bind("channels", settings.mfa().allowedChannels().stream().map(MfaChannel::getValue).toArray(String[]::new))
                .bind("now", now)
                .bind("userId", userId);
    }

    private static VersionedSettings read(Readable row) {
        return new VersionedSettings(settings(row, ""), row.get("version", Long.class), row.get("updated_at", Instant.class),
                row.get("updated_by", UUID.class));
    }

    /** The settings of a row whose setting columns are named with {@code prefix} before them. */
    static SecuritySettings settings(Readable row, String prefix) {
        return new SecuritySettings(
                SecurityPreset.fromValue(row.get(prefix + "preset", String.class)),
                new PasswordPolicy(
                        row.get(prefix + "password_min_length", Integer.class),
                        row.get(prefix + "password_max_length", Integer.class),
                        row.get(prefix + "password_min_character_classes", Integer.class),
                        row.get(prefix + "password_history_count", Integer.class),
                        row.get(prefix + "refuse_common_passwords", Boolean.class),
                        row.get(prefix + "refuse_login_id", Boolean.class)),
                row.get(prefix + "password_expiry_days", Integer.class),
                new SessionPolicy(
                        row.get(prefix + "idle_timeout_enabled", Boolean.class),
                        row.get(prefix + "idle_timeout_minutes", Integer.class),
                        row.get(prefix + "absolute_lifetime_minutes", Integer.class)),
                new LockoutPolicy(
                        row.get(prefix + "lockout_max_failures", Integer.class),
                        row.get(prefix + "lockout_window_minutes", Integer.class),
                        row.get(prefix + "lockout_duration_minutes", Integer.class)),
                new MfaPolicy(row.get(prefix + "mfa_required", Boolean.class),
                        Arrays.stream(row.get(prefix + "mfa_allowed_channels", String[].class)).map(MfaChannel::fromValue)
                                .collect(Collectors.toSet())));
    }
}
