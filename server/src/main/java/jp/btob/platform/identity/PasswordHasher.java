package jp.btob.platform.identity;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id with the parameters OWASP recommends (19 MiB, 2 passes, 1 lane). Hashing takes
 * tens of milliseconds of CPU, so it always runs off the event loop.
 */
@Component
public class PasswordHasher implements DisposableBean {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    /** Compared against when the login ID is unknown, so that both answers take as long. */
    private final String decoy = encoder.encode("decoy password that matches nothing");

    /**
     * At most one hash per core at once, the others queued: more would not finish sooner, would
     * hold 19 MiB each, and would take the CPU from the event loops serving every other request.
     */
    private final Scheduler hashing = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(),
            Integer.MAX_VALUE, "password-hash", 60, true);

    public Mono<String> hash(CharSequence password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(hashing);
    }

    public Mono<Boolean> matches(CharSequence password, String hash) {
        String against = hash != null ? hash : decoy;
        return Mono.fromCallable(() -> encoder.matches(password, against) && hash != null).subscribeOn(hashing);
    }

    @Override
    public void destroy() {
        hashing.dispose();
    }
}
