package jp.btob.platform.attachment;

import jp.btob.platform.system.problem.FieldRequiredException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/** A file sent as the body itself ({@code application/octet-stream}), named by a parameter or header. */
final class StreamedFile extends IncomingFile {

    private final String filename;

    StreamedFile(ServerHttpRequest request, String filename) {
        super(request);
        this.filename = filename;
    }

    @Override
    Mono<Received> receive(ServerHttpRequest request, long limit) {
        String name = Uploads.givenName(filename, request.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
        if (name == null) {
            return Mono.error(new FieldRequiredException("filename",
                    "Name the file in the filename query parameter or in a Content-Disposition header."));
        }
        if (request.getHeaders().getContentLength() > limit) {
            return Mono.error(Uploads.tooLarge(limit));
        }
        return Uploads.join(request.getBody(), limit).map(content -> new Received(name, content));
    }
}
