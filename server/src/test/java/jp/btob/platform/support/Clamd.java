package jp.btob.platform.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real clamd for this test JVM, on a port chosen once, so that every instance of the platform
 * can be told where it is before it runs ({@link #PORT}); it is started by the first test that
 * needs it and killed when the JVM exits. Offline there is no official signature database, so
 * its database is one body signature ({@code .ndb}) of the EICAR test file, found anywhere in a
 * file. Where clamd is not installed, {@link #start} skips the test, except under {@code CI=true},
 * where it fails ({@code .ci/run} installs Debian's {@code clamav-daemon}).
 */
public final class Clamd {

    /** The name clamd reports for {@link #eicar()}: the signature's name, marked as not from the official database. */
    public static final String SIGNATURE = "Btob.Test.EICAR.UNOFFICIAL";

    /** The port the test clamd listens on, whether started yet or not. */
    public static final int PORT = freePort();

    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private static final Path BINARY = Path.of("/usr/sbin/clamd");

    private static Process process;

    private Clamd() {
    }

    /** The EICAR anti-virus test file: harmless, and detected as malware by every scanner. */
    public static byte[] eicar() {
        return EICAR.getBytes(StandardCharsets.US_ASCII);
    }

    /** Starts clamd unless it runs already, and waits until it answers {@code PONG}. */
    public static synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (!Files.isExecutable(BINARY)) {
            assertThat("true".equals(System.getenv("CI"))).as("clamd must be installed in CI (.ci/run installs clamav-daemon)")
                    .isFalse();
            assumeTrue(false, "clamd is not installed");
        }
        try {
            Path dir = Files.createTempDirectory("btob-clamd");
            Path database = Files.createDirectory(dir.resolve("db"));
            Files.writeString(database.resolve("btob-test.ndb"),
                    "Btob.Test.EICAR:0:*:" + HexFormat.of().formatHex(eicar()) + "\n", StandardCharsets.US_ASCII);
            Path config = dir.resolve("clamd.conf");
            Files.writeString(config, String.join("\n",
                    "TCPSocket " + PORT,
                    "TCPAddr 127.0.0.1",
                    "Foreground yes",
                    "User " + System.getProperty("user.name"),
                    "DatabaseDirectory " + database,
                    "LogFile " + dir.resolve("clamd.log"),
                    "StreamMaxLength 200M",
                    "MaxFileSize 200M",
                    "MaxScanSize 200M",
                    ""), StandardCharsets.US_ASCII);
            process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("clamd.out").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(Clamd::stop));
            awaitPong(Duration.ofSeconds(60), dir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static void awaitPong(Duration limit, Path dir) throws IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clamd stopped: " + Files.readString(dir.resolve("clamd.out")));
            }
            if ("PONG".equals(ping())) {
                return;
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        throw new IllegalStateException("clamd did not answer PING within " + limit);
    }

    private static String ping() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int end = answer.indexOf('\0');
            return (end < 0 ? answer : answer.substring(0, end)).strip();
        }
        catch (IOException notYet) {
            return null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
