package jp.btob.platform.attachment;

import java.time.Duration;

import jp.btob.platform.system.CircuitSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clamd that scans attachments ({@code btob.clamav.*}), reached over TCP.
 *
 * @param host    clamd's host; none: no file is scanned, so every upload stays {@code pending-scan}
 *                and nothing is downloadable until one is configured
 * @param port    its {@code TCPSocket}
 * @param timeout the time limit of one scan, connection included
 * @param circuit when the scanner's circuit opens and for how long
 */
@ConfigurationProperties("btob.clamav")
public record ClamavProperties(String host, Integer port, Duration timeout, CircuitSettings circuit) {

    public ClamavProperties {
        host = host == null || host.isBlank() ? null : host.strip();
        port = port == null ? 3310 : port;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        circuit = circuit == null ? CircuitSettings.defaults() : circuit;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("btob.clamav.port (BTOB_CLAMAV_PORT) must be 1 to 65535, not " + port);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("btob.clamav.timeout (BTOB_CLAMAV_TIMEOUT) must be more than 0 and at most 10m, not "
                    + timeout);
        }
    }

    boolean configured() {
        return host != null;
    }
}
