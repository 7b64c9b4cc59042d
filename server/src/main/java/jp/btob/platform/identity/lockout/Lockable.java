package jp.btob.platform.identity.lockout;

import java.util.UUID;

import jp.btob.platform.identity.PasswordCheck;

/** An account that wrong passwords can lock: it belongs to a user of a company. */
public interface Lockable extends PasswordCheck.Account {

    UUID userId();

    UUID companyId();
}
