package jp.btob.platform.system.idempotency;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Mono;

/**
 * A response that hands its status, headers and whole body to {@code keep} before writing them,
 * so that the answer is stored by the time its client sees it.
 */
final class CapturingResponse extends ServerHttpResponseDecorator {

    private final Function<StoredResponse, Mono<Void>> keep;

    private volatile boolean kept;

    CapturingResponse(ServerHttpResponse delegate, Function<StoredResponse, Mono<Void>> keep) {
        super(delegate);
        this.keep = keep;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return bytes(body).flatMap(bytes -> keep(bytes)
                .then(super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(bytes)))));
    }

    @Override
    public Mono<Void> setComplete() {
        return keep(new byte[0]).then(super.setComplete());
    }

    /** A body read whole, as bytes; empty for no body. */
    static Mono<byte[]> bytes(Publisher<? extends DataBuffer> body) {
        return DataBufferUtils.join(body)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    /** Whether the answer went through this response: false when the handler failed before answering. */
    boolean kept() {
        return kept;
    }

    private Mono<Void> keep(byte[] body) {
        if (kept) {
            return Mono.empty();
        }
        kept = true;
        HttpStatusCode status = getStatusCode() == null ? HttpStatusCode.valueOf(200) : getStatusCode();
        HttpHeaders headers = getHeaders();
        return keep.apply(new StoredResponse(status.value(), headers.getFirst(HttpHeaders.LOCATION), headers.getETag(),
                headers.getFirst(HttpHeaders.CONTENT_TYPE), body));
    }
}
