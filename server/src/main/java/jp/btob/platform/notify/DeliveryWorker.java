package jp.btob.platform.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import jp.btob.platform.notify.NotifyMetrics.Outcome;
import jp.btob.platform.system.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Delivers the outbox: claims due rows (SKIP LOCKED, with a lease), sends each through its
 * endpoint's circuit breaker within the time limit, and records the outcome and the attempt. A
 * failure waits an exponential backoff until the row is given up ({@code DEAD}): a delivery of a
 * company's event once {@code btob.notify.webhook.retry-for} has passed since it was created, any
 * other row once its attempts run out. A row whose circuit is open is put back without spending
 * an attempt. It runs when an enqueue commits and at every
 * poll interval, and drains until nothing is due.
 */
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private static final int MAX_ERROR = 500;

    private final NotificationRepository outbox;

    private final EmailSender email;

    private final WebhookSender webhooks;

    private final Breakers breakers;

    private final NotifyMetrics metrics;

    private final NotifyProperties properties;

    private final Clock clock;

    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();

    private volatile Disposable running;

    /** Set while drains fail, so that a database outage is logged once, not at every poll. */
    private final AtomicBoolean failing = new AtomicBoolean();

    DeliveryWorker(NotificationRepository outbox, EmailSender email, WebhookSender webhooks, Breakers breakers,
                   NotifyMetrics metrics, NotifyProperties properties, Clock clock) {
        this.outbox = outbox;
        this.email = email;
        this.webhooks = webhooks;
        this.breakers = breakers;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Asks for a drain now; a wake-up during a drain makes one more drain follow it. */
    void wake() {
        wakeUps.tryEmitNext(Boolean.TRUE);
    }

    /** Claims and delivers until nothing is due, then counts the backlog. */
    Mono<Void> drain() {
        return batch()
                .expand(claimed -> claimed > 0 ? batch() : Mono.empty())
                .then(outbox.backlog().doOnNext(metrics::backlog))
                .then();
    }

    /** One claim and its deliveries; answers how many rows it claimed. */
    private Mono<Integer> batch() {
        List<Channel> channels = email.configured() ? List.of(Channel.EMAIL, Channel.WEBHOOK) : List.of(Channel.WEBHOOK);
        Instant now = Times.now(clock);
        return outbox.claim(channels, now, now.plus(properties.lease()), properties.batchSize())
                .flatMap(this::deliver, properties.batchSize())
                .count()
                .map(Long::intValue);
    }

    private Mono<Void> deliver(NotificationRow row) {
        Mono<Integer> send = row.channel() == Channel.EMAIL
                ? email.send(row.recipient(), row.subject(), row.body()).then(Mono.<Integer>empty())
                : webhooks.secrets(row).flatMap(secrets -> webhooks.send(row, secrets));
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return send
                    .timeout(properties.timeout())
                    .transformDeferred(CircuitBreakerOperator.of(breakers.of(row.endpointKey())))
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(status -> outbox.delivered(row.id(), Times.now(clock), status.orElse(null), millisSince(started))
                            .doOnNext(done -> metrics.counted(row.channel(), Outcome.DELIVERED)))
                    .then()
                    .onErrorResume(failure -> outcome(row, failure, millisSince(started)));
        });
    }

    private Mono<Void> outcome(NotificationRow row, Throwable failure, long durationMs) {
        Instant now = Times.now(clock);
        if (failure instanceof CallNotPermittedException) {
            metrics.counted(row.channel(), Outcome.DEFERRED);
            return outbox.defer(row.id(), now.plus(breakers.openFor()), now.minus(properties.webhook().retryFor()));
        }
        if (failure instanceof WebhookSender.Gone gone) {
            metrics.counted(row.channel(), Outcome.CANCELLED);
            return outbox.cancel(row.id(), gone.getMessage()).then();
        }
        int failures = row.attempts() + 1;
        Integer httpStatus = failure instanceof WebhookSender.Refused refused ? refused.status() : null;
        return outbox.failed(row.id(), new Failure(now, describe(failure), httpStatus, durationMs), properties.maxAttempts(),
                        now.minus(properties.webhook().retryFor()), now.plus(properties.backoff(failures)))
                .doOnNext(status -> {
                    boolean dead = status == DeliveryStatus.DEAD;
                    metrics.counted(row.channel(), dead ? Outcome.DEAD : Outcome.RETRY);
                    if (dead) {
                        log.warn("Notification {} ({} to {}) is dead after {} attempts: {}", row.id(), row.channel(),
                                row.endpointKey(), failures, describe(failure));
                    }
                })
                .then();
    }

    private static long millisSince(long startedNanos) {
        return Math.max(0, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** Why an attempt failed, for the row and for administrators: never a secret, never a stack trace. */
    private String describe(Throwable failure) {
        String why;
        if (failure instanceof TimeoutException) {
            why = "no answer within " + properties.timeout().toSeconds() + " s";
        }
        else if (failure instanceof WebhookSender.Refused || failure instanceof AddressGuard.RefusedUrlException) {
            why = failure instanceof AddressGuard.RefusedUrlException ? "the URL " + failure.getMessage() : failure.getMessage();
        }
        else {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            why = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        return why.length() > MAX_ERROR ? why.substring(0, MAX_ERROR) : why;
    }

    @Override
    public void start() {
        if (!email.configured()) {
            log.warn("No SMTP server is configured (BTOB_SMTP_HOST): e-mail notifications wait in the outbox");
        }
        running = Flux.merge(Flux.interval(properties.pollInterval()).map(tick -> Boolean.TRUE), wakeUps.asFlux())
                .onBackpressureLatest()
                .concatMap(signal -> drain()
                        .doOnSuccess(done -> {
                            if (failing.compareAndSet(true, false)) {
                                log.info("Delivering notifications works again");
                            }
                        })
                        .onErrorResume(failure -> {
                            if (failing.compareAndSet(false, true)) {
                                log.warn("Delivering notifications failed; trying again every {} until it works",
                                        properties.pollInterval(), failure);
                            }
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable worker = running;
        if (worker != null) {
            worker.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
