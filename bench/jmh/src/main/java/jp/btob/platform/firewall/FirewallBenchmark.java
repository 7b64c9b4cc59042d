package jp.btob.platform.firewall;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.http.MediaType;

/**
 * The firewall's inspection of a JSON body (SEC-WAF), as {@code FirewallFilter} runs it once the
 * body is read: a typical order of about 1 KB, and one of about 100 KB, whose budget is 1 ms.
 * Both are clean, so every field name and string value is decoded and scanned by every rule.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FirewallBenchmark {

    private RequestInspector inspector;

    private byte[] typical;

    private byte[] large;

    @Setup
    public void setUp() {
        inspector = new RequestInspector(new FirewallProperties(null, null, null, null, null, null).maxJsonDepth(),
                Set.of("btob_session", "btob_operator_session"));
        typical = order(1024);
        large = order(100 * 1024);
        check(typical);
        check(large);
    }

    @Benchmark
    public Optional<Finding> typicalOrder1KB() {
        return inspector.body(typical, MediaType.APPLICATION_JSON);
    }

    @Benchmark
    public Optional<Finding> largeOrder100KB() {
        return inspector.body(large, MediaType.APPLICATION_JSON);
    }

    /** An order (OrderCreate) whose lines, in Japanese and English prose, fill {@code size} bytes or a little more. */
    static byte[] order(int size) {
        StringBuilder json = new StringBuilder("{\"sellerId\":\"").append(UUID.randomUUID())
                .append("\",\"title\":\"事務用品 2027年1月分 (Office supplies, January)\",")
                .append("\"notes\":\"1月20日までに納品してください。Deliver to the 3rd floor reception, Mon-Fri 9:00-17:00; ")
                .append("call 03-1234-5678 if the order can't be delivered in full.\",\"lines\":[");
        for (int line = 0; json.toString().getBytes(StandardCharsets.UTF_8).length + 2 < size; line++) {
            json.append(line > 0 ? "," : "")
                    .append("{\"description\":\"").append(DESCRIPTIONS[line % DESCRIPTIONS.length]).append(" #").append(line + 1)
                    .append("\",\"quantity\":\"").append(line % 7 + 1).append(".5\",\"unit\":\"箱\",\"unitPrice\":\"")
                    .append(480 + line).append(".50\",\"taxCategory\":\"STANDARD\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final String[] DESCRIPTIONS = {
            "コピー用紙 A4 500枚 (80 g/m², white)",
            "Ballpoint pens, black & blue, box of 12 - \\\"smooth ink\\\"",
            "ファイル・フォルダー 10冊入り、色はお任せ",
            "Toner cartridge for the printer on the 2nd floor (model TN-2420); please don't substitute",
            "Select the order by the date on the label, 50% off items first",
            "段ボール箱 (大) 120サイズ × 20枚",
    };

    private void check(byte[] body) {
        Optional<Finding> finding = inspector.body(body, MediaType.APPLICATION_JSON);
        if (finding.isPresent()) {
            throw new IllegalStateException("The benchmark's clean order is blocked: " + finding.get());
        }
    }
}
