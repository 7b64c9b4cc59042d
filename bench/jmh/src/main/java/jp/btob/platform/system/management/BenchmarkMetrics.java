package jp.btob.platform.system.management;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The platform's counters over a registry of their own, for benchmarks that build the collaborators by hand. */
public final class BenchmarkMetrics {

    private BenchmarkMetrics() {
    }

    public static PlatformMetrics over(SimpleMeterRegistry registry) {
        return new PlatformMetrics(registry);
    }
}
