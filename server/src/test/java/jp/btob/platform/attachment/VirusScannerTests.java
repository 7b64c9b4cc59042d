package jp.btob.platform.attachment;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jp.btob.platform.system.CircuitSettings;
import jp.btob.platform.support.Clamd;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clamd client and the scanner around it, against the test clamd and against nothing. */
class VirusScannerTests {

    @Test
    @DisplayName("[SEC-AV] INSTREAM to a real clamd: a clean file is OK, EICAR in the middle of a file spanning several chunks is FOUND with its signature, PING answers PONG")
    void clamdWhenScanningThenCleanOrFound() {
        Clamd.start();
        ClamdClient client = new ClamdClient("127.0.0.1", Clamd.PORT, Duration.ofSeconds(10));
        byte[] large = new byte[3 * ClamdClient.CHUNK_BYTES + 17];
        byte[] eicar = Clamd.eicar();
        System.arraycopy(eicar, 0, large, ClamdClient.CHUNK_BYTES + 100, eicar.length);

        assertThat(client.ping().block()).isEqualTo("PONG");
        assertThat(client.scan("請求書".getBytes(StandardCharsets.UTF_8)).block()).isEqualTo(Verdict.clean());
        assertThat(client.scan(new byte[0]).block()).isEqualTo(Verdict.clean());
        assertThat(client.scan(large).block()).isEqualTo(Verdict.infected(Clamd.SIGNATURE));
    }

    @Test
    @DisplayName("[SEC-AV] a scanner at a closed port, or none configured, makes the verdict UNSCANNED, never an error; after enough failures the circuit opens and no call is made")
    void scannerWhenUnreachableThenUnscannedAndCircuitOpens() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        CircuitBreaker breaker = CircuitBreaker.of("test-clamav", CircuitSettings.defaults().config(failure -> true));
        VirusScanner scanner = new VirusScanner(new ClamdClient("127.0.0.1", closed, Duration.ofSeconds(2)), breaker);

        for (int i = 0; i < 4; i++) {
            Verdict verdict = scanner.scan(Clamd.eicar()).block();
            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNSCANNED);
            assertThat(verdict.detail()).contains("cannot be reached");
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(scanner.scan(Clamd.eicar()).block()).isEqualTo(Verdict.unscanned("the virus scanner's circuit is open"));
        assertThat(new VirusScanner(null, breaker).scan(new byte[1]).block().kind()).isEqualTo(Verdict.Kind.UNSCANNED);
    }

    @Test
    @DisplayName("[SEC-AV] clamd's answers read as verdicts; an ERROR answer is a failure of the scanner, not a clean file")
    void repliesWhenParsedThenVerdicts() {
        assertThat(ClamdClient.verdict("stream: OK")).isEqualTo(Verdict.clean());
        assertThat(ClamdClient.verdict("stream: Win.Test.EICAR_HDB-1 FOUND")).isEqualTo(Verdict.infected("Win.Test.EICAR_HDB-1"));
        assertThatThrownBy(() -> ClamdClient.verdict("INSTREAM size limit exceeded. ERROR"))
                .isInstanceOf(ClamdClient.ScannerException.class);
        assertThatThrownBy(() -> ClamdClient.verdict("")).isInstanceOf(ClamdClient.ScannerException.class);
    }
}
