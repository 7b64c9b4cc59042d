import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import jp.btob.platform.identity.PasswordHasher;

/**
 * The password hash alone: how many password checks the server's own {@link PasswordHasher}
 * (its encoder, its parameters, its scheduler) completes per second with the given number of
 * callers at once. Run by {@code bench/run} with the packaged jar's classes on the class path:
 * {@code java -cp <classes:libs> bench/HashRate.java <threads> <seconds>}.
 */
public class HashRate {

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash("Demo#2026pass").block();
        for (int i = 0; i < 20; i++) {
            hasher.matches("Demo#2026pass", hash).block();
        }
        LongAdder checks = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch finished = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                while (System.nanoTime() < end) {
                    if (!Boolean.TRUE.equals(hasher.matches("Demo#2026pass", hash).block())) {
                        throw new IllegalStateException("the password did not match its hash");
                    }
                    checks.increment();
                }
                finished.countDown();
            }).start();
        }
        finished.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("HASH %.1f %d %.1f%n", checks.sum() / elapsed, checks.sum(), elapsed);
        System.exit(0);
    }
}
