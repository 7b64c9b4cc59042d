package jp.btob.platform.attachment;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import io.netty.resolver.NoopAddressResolverGroup;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * clamd's {@code INSTREAM} command over a non-blocking TCP connection: {@code zINSTREAM\0}, then
 * the file in chunks, each {@code <4-byte big-endian length><bytes>}, ended by a zero-length
 * chunk; clamd answers {@code stream: OK\0}, {@code stream: <signature> FOUND\0} or an
 * {@code ... ERROR\0}. One connection per command, closed after the answer.
 */
final class ClamdClient {

    /** The size of one chunk sent; clamd's own limit is {@code StreamMaxLength} for the whole file. */
    static final int CHUNK_BYTES = 64 * 1024;

    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);

    private static final String FOUND = " FOUND";

    private static final int MAX_SIGNATURE = 200;

    private final TcpClient tcp;

    private final String host;

    private final int port;

    private final Duration timeout;

    /**
     * The client resolves clamd's host with the JDK's resolver on a worker thread before each
     * connection (the JDK caches the answer), never on the event loop, and hands Netty the address.
     */
    ClamdClient(String host, int port, Duration timeout) {
        this.tcp = TcpClient.create().resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** Scans the file; fails when clamd cannot be reached, is too slow, or answers an error. */
    Mono<Verdict> scan(byte[] content) {
        return command(Flux.concat(Mono.just(INSTREAM), chunks(content), Mono.just(new byte[4])))
                .map(ClamdClient::verdict);
    }

    /** Answers {@code PONG} when clamd is up. */
    Mono<String> ping() {
        return command(Mono.just(PING));
    }

    private Mono<String> command(Publisher<byte[]> request) {
        Mono<InetSocketAddress> address = Mono.fromCallable(() -> new InetSocketAddress(host, port))
                .subscribeOn(Schedulers.boundedElastic());
        return Mono.usingWhen(address.flatMap(resolved -> tcp.remoteAddress(() -> resolved).connect()),
                        connection -> connection.outbound().sendByteArray(request).then().then(reply(connection)),
                        connection -> Mono.fromRunnable(connection::dispose))
                .timeout(timeout);
    }

    /** The answer up to its terminating NUL (or up to the end of the connection). */
    private static Mono<String> reply(Connection connection) {
        return connection.inbound().receive().asString(StandardCharsets.US_ASCII)
                .scan("", String::concat)
                .takeUntil(text -> text.indexOf('\0') >= 0)
                .last("")
                .map(text -> {
                    int end = text.indexOf('\0');
                    return (end < 0 ? text : text.substring(0, end)).strip();
                });
    }

    private static Flux<byte[]> chunks(byte[] content) {
        int count = (content.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        return Flux.range(0, count).map(index -> {
            int from = index * CHUNK_BYTES;
            int length = Math.min(CHUNK_BYTES, content.length - from);
            return ByteBuffer.allocate(4 + length).putInt(length).put(content, from, length).array();
        });
    }

    static Verdict verdict(String reply) {
        int colon = reply.indexOf(": ");
        String result = colon < 0 ? reply : reply.substring(colon + 2);
        if ("OK".equals(result)) {
            return Verdict.clean();
        }
        if (result.endsWith(FOUND) && result.length() > FOUND.length()) {
            String signature = result.substring(0, result.length() - FOUND.length()).strip();
            return Verdict.infected(signature.length() <= MAX_SIGNATURE ? signature : signature.substring(0, MAX_SIGNATURE));
        }
        throw new ScannerException("clamd answered \"" + (reply.length() <= 200 ? reply : reply.substring(0, 200)) + "\"");
    }

    /** clamd answered, but not with a verdict (an error of its own, such as a file over its StreamMaxLength). */
    static final class ScannerException extends RuntimeException {

        ScannerException(String message) {
            super(message, null, false, false);
        }
    }
}
