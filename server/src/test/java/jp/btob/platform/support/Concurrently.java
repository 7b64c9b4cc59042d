package jp.btob.platform.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs calls at the same moment, each on a thread of its own, released together by a barrier. */
public final class Concurrently {

    private Concurrently() {
    }

    /** The answers of {@code count} calls of {@code call(i)}, started together, in the order of i. */
    public static <T> List<T> all(int count, IntFunction<T> call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(count);
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<CompletableFuture<T>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(30, TimeUnit.SECONDS);
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                    return call.apply(index);
                }, threads));
            }
            List<T> results = new ArrayList<>();
            for (CompletableFuture<T> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            threads.shutdownNow();
        }
    }
}
