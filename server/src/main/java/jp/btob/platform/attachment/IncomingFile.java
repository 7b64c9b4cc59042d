package jp.btob.platform.attachment;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * A file arriving in an upload's body, read once as it streams. An upload refused before its body
 * is read (no such document, no permission, too large as announced) discards the body instead, so
 * that no buffer of it is left unreleased.
 */
abstract class IncomingFile {

    private final ServerHttpRequest request;

    private final AtomicBoolean taken = new AtomicBoolean();

    IncomingFile(ServerHttpRequest request) {
        this.request = request;
    }

    /** The file's name, as given, and its bytes, counted as they arrive: 413 beyond {@code limit}. */
    final Mono<Received> read(long limit) {
        return Mono.defer(() -> taken.compareAndSet(false, true) ? receive(request, limit)
                : Mono.error(new IllegalStateException("The upload's body was read before")));
    }

    /** Releases the body unread; nothing when it was read already. */
    final Mono<Void> discard() {
        return Mono.defer(() -> taken.compareAndSet(false, true)
                ? request.getBody().doOnNext(DataBufferUtils::release).then().onErrorComplete()
                : Mono.empty());
    }

    abstract Mono<Received> receive(ServerHttpRequest request, long limit);

    /** A file as received: the name its sender gave and its bytes. */
    record Received(String givenName, byte[] content) {
    }
}
