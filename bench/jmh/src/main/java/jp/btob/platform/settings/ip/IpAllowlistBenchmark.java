package jp.btob.platform.settings.ip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A client address matched against a company's allow-list of 50 ranges, 25 IPv4 then 25 IPv6
 * (SEC-IP), as {@link IpAllowlistService#permits(java.util.UUID)} does once it has read the list:
 * an address in the last IPv4 range, one in the last IPv6 range, and one in none, which is
 * compared with every range.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IpAllowlistBenchmark {

    /** The ranges as the session's or the API client's lookup brings them. */
    private List<String> entries;

    @Setup
    public void setUp() {
        entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add("198.51." + (i * 8) + ".0/" + (21 + i % 8));
        }
        for (int i = 0; i < 25; i++) {
            entries.add("2001:db8:" + Integer.toHexString(0x100 + i) + "::/" + (48 + i % 16));
        }
        if (!ipv4Listed() || !ipv6Listed() || notListed()) {
            throw new IllegalStateException("The allow-list does not answer as the benchmark expects");
        }
    }

    @Benchmark
    public boolean ipv4Listed() {
        return IpAllowlistService.permits(entries, "198.51.192.77");
    }

    @Benchmark
    public boolean ipv6Listed() {
        return IpAllowlistService.permits(entries, "2001:db8:118::7");
    }

    @Benchmark
    public boolean notListed() {
        return IpAllowlistService.permits(entries, "203.0.113.9");
    }
}
