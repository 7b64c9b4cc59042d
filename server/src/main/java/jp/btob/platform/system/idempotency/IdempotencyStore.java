package jp.btob.platform.system.idempotency;

import java.time.Clock;

import org.springframework.stereotype.Component;

/** What the idempotency filter needs from the application context; the filter itself is built with the security chain. */
@Component
public class IdempotencyStore {

    private final IdempotencyRepository repository;

    private final IdempotencyProperties properties;

    private final Clock clock;

    IdempotencyStore(IdempotencyRepository repository, IdempotencyProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    IdempotencyRepository repository() {
        return repository;
    }

    IdempotencyProperties properties() {
        return properties;
    }

    Clock clock() {
        return clock;
    }
}
