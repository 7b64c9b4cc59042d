package jp.btob.platform.identity.lockout;

import java.util.UUID;

import jp.btob.platform.identity.PasswordCheck;
import jp.btob.platform.settings.SecuritySettings;

/** An account that wrong passwords can lock: it belongs to a user of a company. */
public interface Lockable extends PasswordCheck.Account {

    UUID userId();

    UUID companyId();

    /** The security settings its company saved, read with the account (null when it saved none). */
    SecuritySettings savedSettings();
}
