package jp.btob.platform.company.management;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * One-time passwords for a new company's first administrator: 15 characters, at least one of each
 * class, so that they keep the platform's default policy (8 to 15, 3 classes), from a DRBG seeded
 * once at start-up (drawing never reads /dev/urandom on an event-loop thread). Characters that are
 * easily misread (0 O o, 1 l I) are left out, since a person types it once.
 */
@Component
class TemporaryPasswords {

    private static final int LENGTH = 15;

    private static final String[] CLASSES = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#$%&*+-=?@!"};

    private final SecureRandom random;

    TemporaryPasswords() {
        try {
            this.random = SecureRandom.getInstance("DRBG");
            this.random.nextInt();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK since 9 has a DRBG SecureRandom", ex);
        }
    }

    String next() {
        List<Character> chars = new ArrayList<>(LENGTH);
        for (String characterClass : CLASSES) {
            chars.add(pick(characterClass));
        }
        String all = String.join("", CLASSES);
        while (chars.size() < LENGTH) {
            chars.add(pick(all));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder(LENGTH);
        chars.forEach(password::append);
        return password.toString();
    }

    private char pick(String from) {
        return from.charAt(random.nextInt(from.length()));
    }
}
