package jp.btob.platform.admin;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jp.btob.platform.identity.password.PasswordPolicyCheck;
import jp.btob.platform.settings.PasswordPolicy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One-time passwords an administrator, or a platform operator registering a company, hands to a user: drawn from a DRBG, of every character
 * class, as long as the company's policy allows up to 16 characters, and checked against that
 * policy (common passwords and the login ID included) before they are answered.
 */
@Component
public class TemporaryPasswords {

    private static final String[] CLASSES = {
            "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#$%&*+-=?@^_~"};

    private static final String ALL = String.join("", CLASSES);

    private static final int PREFERRED_LENGTH = 16;

    private static final int ATTEMPTS = 5;

    private final SecureRandom random;

    private final PasswordPolicyCheck check;

    TemporaryPasswords(PasswordPolicyCheck check) {
        this.check = check;
        try {
            this.random = SecureRandom.getInstance("DRBG");
            this.random.nextInt();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK since 9 has a DRBG SecureRandom", ex);
        }
    }

    /** A password that keeps {@code policy} for the user {@code loginId}. */
    public Mono<String> next(PasswordPolicy policy, String loginId) {
        return Mono.fromSupplier(() -> draw(policy))
                .flatMap(password -> check.check(policy, password, loginId, List.of())
                        .filter(List::isEmpty)
                        .map(none -> password))
                .repeatWhenEmpty(ATTEMPTS - 1, attempts -> attempts)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "No temporary password keeps the company's password policy")));
    }

    private String draw(PasswordPolicy policy) {
        int length = Math.max(Math.min(PREFERRED_LENGTH, policy.maxLength()), policy.minLength());
        List<Character> characters = new ArrayList<>(length);
        for (String characterClass : CLASSES) {
            if (characters.size() < length) {
                characters.add(pick(characterClass));
            }
        }
        while (characters.size() < length) {
            characters.add(pick(ALL));
        }
        Collections.shuffle(characters, random);
        StringBuilder password = new StringBuilder(length);
        characters.forEach(password::append);
        return password.toString();
    }

    private char pick(String characters) {
        return characters.charAt(random.nextInt(characters.length()));
    }
}
