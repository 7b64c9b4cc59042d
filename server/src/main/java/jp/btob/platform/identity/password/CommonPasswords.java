package jp.btob.platform.identity.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The 30 000 most common passwords (zxcvbn 4.4.2's list; source and licence in the README beside
 * {@value #LIST}), read once at start-up into a hash set. A password is common when, lower-cased,
 * it is on the list, or is on it once the digits and symbols at its end are taken off: the first
 * guesses of a cracker's rules are a common word with {@code 1}, {@code 2024!} or {@code !!} after it.
 */
@Component
public class CommonPasswords {

    static final String LIST = "identity/password/common-passwords.txt";

    private final Set<String> passwords;

    CommonPasswords() {
        Set<String> read = new HashSet<>(40_000);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new ClassPathResource(LIST).getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty()) {
                    read.add(line.toLowerCase(Locale.ROOT));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the common-password list " + LIST, ex);
        }
        this.passwords = Set.copyOf(read);
    }

    public boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        return passwords.contains(lower) || passwords.contains(withoutTrailingDigitsAndSymbols(lower));
    }

    int size() {
        return passwords.size();
    }

    private static String withoutTrailingDigitsAndSymbols(String password) {
        int end = password.length();
        while (end > 0) {
            int c = password.codePointBefore(end);
            if (Character.isLetter(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return password.substring(0, end);
    }
}
