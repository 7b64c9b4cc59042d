package jp.btob.platform.system.logging.archive;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the archive job every {@code btob.log.archive-interval}, the first time one interval after
 * start-up, on a thread of its own: its file I/O blocks, so it never runs on the event loop.
 */
final class LogArchiveSchedule implements SmartLifecycle {

    static final String THREAD = "log-archive";

    private static final Logger log = LoggerFactory.getLogger(LogArchiveSchedule.class);

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final LogArchiver archiver;

    private final Duration interval;

    private volatile ScheduledExecutorService executor;

    LogArchiveSchedule(LogArchiver archiver, Duration interval) {
        this.archiver = archiver;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, THREAD);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            archiver.run();
        }
        catch (RuntimeException ex) {
            // A task that throws is never scheduled again; the next run must still come.
            log.error("The log archive run failed", ex);
        }
    }

    /** Lets a run in progress finish, so that it leaves no temporary file behind. */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
