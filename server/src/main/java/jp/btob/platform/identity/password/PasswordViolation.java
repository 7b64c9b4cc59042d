package jp.btob.platform.identity.password;

/** A rule a new password breaks, and what the policy asks instead. */
public record PasswordViolation(PasswordRule rule, String message) {
}
