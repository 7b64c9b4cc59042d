package jp.btob.platform.identity.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jp.btob.platform.identity.PasswordHasher;
import jp.btob.platform.settings.PasswordPolicy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks a new password against a company's policy and answers every rule it breaks, not just
 * the first, so that a user fixes them all at once.
 */
@Component
public class PasswordPolicyCheck {

    /** Argon2id takes 19 MiB and tens of milliseconds a comparison: two at a time are enough. */
    private static final int PARALLEL_COMPARISONS = 2;

    private final CommonPasswords common;

    private final PasswordHasher hasher;

    PasswordPolicyCheck(CommonPasswords common, PasswordHasher hasher) {
        this.common = common;
        this.hasher = hasher;
    }

    /**
     * The rules {@code password} breaks. {@code recentHashes} are the hashes of the user's latest
     * passwords, newest first, the current one included; the policy's history count says how many
     * of them it may not repeat. Comparing with them is Argon2id work, done off the event loop.
     */
    public Mono<List<PasswordViolation>> check(PasswordPolicy policy, String password, String loginId,
                                               List<String> recentHashes) {
        List<PasswordViolation> violations = new ArrayList<>(rules(policy, password, loginId));
        List<String> history = recentHashes.subList(0, Math.min(policy.historyCount(), recentHashes.size()));
        return Flux.fromIterable(history)
                .flatMap(hash -> hasher.matches(password, hash), PARALLEL_COMPARISONS)
                .any(Boolean::booleanValue)
                .map(reused -> {
                    if (reused) {
                        violations.add(new PasswordViolation(PasswordRule.REUSED_PASSWORD, policy.historyCount() == 1
                                ? "must not be the current password"
                                : "must not be the current password or any of the " + (policy.historyCount() - 1)
                                        + " before it"));
                    }
                    return List.copyOf(violations);
                });
    }

    /** The rules that need no hashing. */
    List<PasswordViolation> rules(PasswordPolicy policy, String password, String loginId) {
        List<PasswordViolation> violations = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < policy.minLength()) {
            violations.add(new PasswordViolation(PasswordRule.TOO_SHORT,
                    "must have at least " + policy.minLength() + " characters"));
        }
        if (length > policy.maxLength()) {
            violations.add(new PasswordViolation(PasswordRule.TOO_LONG,
                    "must have at most " + policy.maxLength() + " characters"));
        }
        if (CharacterClasses.count(password) < policy.minCharacterClasses()) {
            violations.add(new PasswordViolation(PasswordRule.TOO_FEW_CHARACTER_CLASSES, "must mix at least "
                    + policy.minCharacterClasses() + " of upper-case letters, lower-case letters, digits and symbols"));
        }
        if (policy.refuseCommonPasswords() && common.isCommon(password)) {
            violations.add(new PasswordViolation(PasswordRule.COMMON_PASSWORD,
                    "is one of the most common passwords, which are tried first"));
        }
        if (policy.refuseLoginId() && password.toLowerCase(Locale.ROOT).contains(loginId.toLowerCase(Locale.ROOT))) {
            violations.add(new PasswordViolation(PasswordRule.CONTAINS_LOGIN_ID, "must not contain the login ID"));
        }
        return violations;
    }
}
