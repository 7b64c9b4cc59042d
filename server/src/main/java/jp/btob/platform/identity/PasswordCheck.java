package jp.btob.platform.identity;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jp.btob.platform.system.Sha256;
import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.LoginFailure;
import jp.btob.platform.system.problem.InvalidCredentialsException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The password check of every login realm, so that each refuses alike: an unknown login ID, a
 * disabled account and a wrong password get the same problem after the same Argon2id work (the
 * first two are checked against the decoy hash), and each refusal is counted by its reason.
 */
@Component
public class PasswordCheck {

    private static final String WRONG_CREDENTIALS = "The login ID or the password is wrong.";

    private final PasswordHasher hasher;

    private final PlatformMetrics metrics;

    PasswordCheck(PasswordHasher hasher, PlatformMetrics metrics) {
        this.hasher = hasher;
        this.metrics = metrics;
    }

    /** Checks the password against the account found for the login ID, or against nothing if none was. */
    public <A extends Account> Mono<Verdict<A>> check(Mono<A> account, String password) {
        return account.map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> hasher.matches(password,
                                found.filter(Account::active).map(Account::passwordHash).orElse(null))
                        .map(ok -> ok ? new Verdict<>(found.get(), null) : refused(found)));
    }

    private <A extends Account> Verdict<A> refused(Optional<A> found) {
        LoginFailure reason = found
                .map(account -> account.active() ? LoginFailure.WRONG_PASSWORD : LoginFailure.ACCOUNT_DISABLED)
                .orElse(LoginFailure.UNKNOWN_LOGIN_ID);
        metrics.loginFailed(reason);
        return new Verdict<>(found.orElse(null), reason);
    }

    /** An account as a login sees it. */
    public interface Account {

        String passwordHash();

        boolean active();
    }

    /**
     * What the check found: the account, null for an unknown login ID, and for a refusal its reason.
     */
    public record Verdict<A>(A account, LoginFailure failure) {

        public boolean accepted() {
            return failure == null;
        }

        /**
         * The facts of a refusal for the audit trail: the reason and, for an unknown ID, only its
         * SHA-256, since it may be a password typed into the wrong field.
         */
        public Map<String, Object> refusalDetails(String loginId) {
            return account != null
                    ? Map.of("reason", failure.name())
                    : Map.of("reason", failure.name(), "loginIdSha256", sha256Hex(loginId));
        }

        /** The one problem every refusal answers, whatever its reason. */
        public InvalidCredentialsException refusal() {
            return new InvalidCredentialsException(WRONG_CREDENTIALS);
        }

        /** Login IDs are case-insensitive, so attempts at one ID in any case give one hash. */
        private static String sha256Hex(String loginId) {
            return HexFormat.of().formatHex(Sha256.of(loginId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
