package jp.btob.platform.identity;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTests {

    private final PasswordHasher hasher = new PasswordHasher();

    @AfterEach
    void dispose() {
        hasher.destroy();
    }

    @Test
    @DisplayName("[SEC-CRYPTREC] a burst of password checks runs on at most one hashing thread per core, never on a shared scheduler, and each still answers right")
    void oneHashPerCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        String hash = hasher.hash("Demo#2026pass").block();

        Set<String> threads = Flux.range(0, 3 * cores + 2)
                .flatMap(i -> hasher.matches(i % 2 == 0 ? "Demo#2026pass" : "wrong password " + i, hash)
                        .map(matched -> (matched == (i % 2 == 0)) + " " + Thread.currentThread().getName()))
                .collect(Collectors.toSet())
                .block();

        assertThat(threads).allSatisfy(answer -> assertThat(answer).startsWith("true password-hash-"));
        assertThat(threads).hasSizeLessThanOrEqualTo(cores);
    }
}
