package jp.btob.platform.attachment;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jp.btob.platform.system.problem.FieldRequiredException;
import jp.btob.platform.system.problem.InvalidParameterException;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A file sent as the one part {@code file} of a {@code multipart/form-data} form. The form is read
 * as a stream of part events, whose reader keeps nothing on disk (unlike {@code Part} and
 * {@code FilePart}, which may spill to temporary files); the file's bytes go on to be counted
 * against the limit as they arrive. Any other part, or a second file, is refused.
 */
final class FormFile extends IncomingFile {

    static final String PART = "file";

    private static final ResolvableType EVENTS = ResolvableType.forClass(PartEvent.class);

    private final PartEventHttpMessageReader reader;

    private final String filename;

    FormFile(ServerHttpRequest request, PartEventHttpMessageReader reader, String filename) {
        super(request);
        this.reader = reader;
        this.filename = filename;
    }

    /** The reader of forms: part headers up to 8 KB, at most two parts (the file, and one to refuse). */
    static PartEventHttpMessageReader reader() {
        PartEventHttpMessageReader reader = new PartEventHttpMessageReader();
        reader.setMaxHeadersSize(8 * 1024);
        reader.setMaxParts(2);
        return reader;
    }

    @Override
    Mono<Received> receive(ServerHttpRequest request, long limit) {
        AtomicInteger files = new AtomicInteger();
        AtomicReference<String> name = new AtomicReference<>(filename);
        Flux<DataBuffer> content = reader.read(EVENTS, request, Map.of())
                .windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, events) -> {
                    PartEvent head = first.get();
                    if (head == null) {
                        return Flux.<DataBuffer>empty();
                    }
                    if (!PART.equals(head.name())) {
                        return Flux.error(new InvalidParameterException(head.name(),
                                "The form has one part, file; it must have no other."));
                    }
                    if (files.incrementAndGet() > 1) {
                        return Flux.error(new InvalidParameterException(PART, "The form must have exactly one file."));
                    }
                    if (head instanceof FilePartEvent file && !file.filename().isEmpty()) {
                        name.compareAndSet(null, file.filename());
                    }
                    return events.map(PartEvent::content);
                }))
                .onErrorMap(CodecException.class, malformed -> new InvalidParameterException(PART,
                        "The form is malformed or has more than one part besides the file: " + malformed.getMessage()));
        return Uploads.join(content, limit)
                .flatMap(bytes -> files.get() == 0
                        ? Mono.error(new FieldRequiredException(PART, "Send the file as the form's part named file."))
                        : name.get() == null
                                ? Mono.error(new FieldRequiredException("filename", "Name the file in the part's"
                                        + " Content-Disposition (filename) or in the filename query parameter."))
                                : Mono.just(new Received(name.get(), bytes)));
    }
}
