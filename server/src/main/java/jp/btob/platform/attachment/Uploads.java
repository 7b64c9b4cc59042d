package jp.btob.platform.attachment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import jp.btob.platform.system.problem.PayloadTooLargeException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the platform makes of a file's name and bytes: a name safe to store and offer back (no
 * directories, no control or bidirectional-formatting characters, at most 255 characters), and
 * the media type its first bytes show among the few served as themselves.
 */
final class Uploads {

    static final String OCTET_STREAM = "application/octet-stream";

    static final int MAX_NAME = 255;

    private static final String FALLBACK_NAME = "attachment";

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private Uploads() {
    }

    /** The name given as a parameter, or else in a {@code Content-Disposition} header; null if neither has one. */
    static String givenName(String parameter, String contentDisposition) {
        if (parameter != null && !parameter.isEmpty()) {
            return parameter;
        }
        if (contentDisposition == null || contentDisposition.isBlank()) {
            return null;
        }
        try {
            String name = ContentDisposition.parse(contentDisposition).getFilename();
            return name == null || name.isEmpty() ? null : name;
        }
        catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /**
     * The bytes, counted as they arrive: 413 naming the limit as soon as they pass it; none as an
     * empty file. Each buffer is copied and released as it comes, so that a refusal leaves none to
     * release (a joining operator's discard hook would also reach the form reader's own buffers,
     * which it releases itself).
     */
    static Mono<byte[]> join(Flux<DataBuffer> body, long limit) {
        return body.map(Uploads::bytes)
                .reduceWith(ByteArrayOutputStream::new, (received, chunk) -> {
                    if (received.size() + (long) chunk.length > limit) {
                        throw tooLarge(limit);
                    }
                    received.writeBytes(chunk);
                    return received;
                })
                .map(ByteArrayOutputStream::toByteArray);
    }

    static PayloadTooLargeException tooLarge(long limit) {
        return new PayloadTooLargeException("The file is larger than the " + limit
                + " bytes your company's attachments may have.");
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The last segment of the name after any {@code /} or {@code \}, without control or formatting characters. */
    static String safeName(String given) {
        String base = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder();
        base.codePoints()
                .filter(point -> !Character.isISOControl(point) && Character.getType(point) != Character.FORMAT)
                .limit(MAX_NAME)
                .forEach(safe::appendCodePoint);
        String name = safe.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.length() > MAX_NAME) {
            name = name.substring(0, Character.isHighSurrogate(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME);
        }
        return name.isEmpty() ? FALLBACK_NAME : name;
    }

    /** The type the bytes show: PDF, PNG or JPEG by their signature; anything else is served as octet-stream. */
    static String mediaType(byte[] content) {
        if (startsWith(content, PDF)) {
            return "application/pdf";
        }
        if (startsWith(content, PNG)) {
            return "image/png";
        }
        if (startsWith(content, JPEG)) {
            return "image/jpeg";
        }
        return OCTET_STREAM;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
