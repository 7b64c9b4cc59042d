package jp.btob.platform.system;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A job run every interval, one run at a time: a tick that comes while a run is still going is
 * dropped, and a failed run is handed to {@code failed} while the next one goes on. The timer
 * ticks on the bounded-elastic scheduler, never an event loop. For the lifecycles of the
 * platform's background jobs.
 */
public final class Periodic {

    private volatile Disposable schedule;

    /** Starts running {@code run} after {@code first}, then every {@code interval}. */
    public void start(Duration first, Duration interval, Supplier<Mono<?>> run, Consumer<Throwable> failed) {
        schedule = Flux.interval(first, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> run.get().onErrorResume(failure -> {
                    failed.accept(failure);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    public boolean running() {
        Disposable running = schedule;
        return running != null && !running.isDisposed();
    }
}
