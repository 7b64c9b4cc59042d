package jp.btob.platform.operator;

import java.util.UUID;

import jp.btob.platform.identity.PasswordCheck;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Operator accounts, as a login needs them. */
@Repository
class OperatorRepository {

    private final DatabaseClient db;

    OperatorRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The operator with this login ID, active or not: a failed login names the account it was aimed at. */
    Mono<Credentials> findCredentials(String loginId) {
        return db.sql("SELECT id, password_hash, status FROM operator_account WHERE lower(login_id) = lower(:loginId)")
                .bind("loginId", loginId)
                .map((row, meta) -> new Credentials(row.get("id", UUID.class), row.get("password_hash", String.class),
                        "ACTIVE".equals(row.get("status", String.class))))
                .one();
    }

    record Credentials(UUID operatorId, String passwordHash, boolean active) implements PasswordCheck.Account {
    }
}
