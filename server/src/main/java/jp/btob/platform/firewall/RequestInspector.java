package jp.btob.platform.firewall;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads every part of a request the way the application will, decodes each value once into its
 * canonical form and hands it to the {@link Detectors}: the path and each of its segments, every
 * query parameter's name and value, every header but the credentials, every cookie, and a JSON
 * body's field names and string values (a form or text body as a whole). A JSON body with a key
 * twice or nested deeper than the limit is itself a finding.
 */
final class RequestInspector {

    /** Headers that carry credentials or framing, not content: their values are opaque or checked by the server. */
    private static final Set<String> OPAQUE_HEADERS = Set.of("authorization", "cookie", "content-length", "host",
            "connection", "transfer-encoding", "if-match", "if-none-match");

    private final JsonFactory json;

    /** The reading in which Jackson finds a key given twice, for a body the other cannot read to its end. */
    private final JsonFactory strict;

    private final int maxDepth;

    private final Set<String> credentialCookies;

    /**
     * {@code credentialCookies}: the session cookies, opaque tokens checked by their hash like a
     * bearer token and never read as text, so not inspected.
     */
    RequestInspector(int maxDepth, Set<String> credentialCookies) {
        this.maxDepth = maxDepth;
        this.credentialCookies = Set.copyOf(credentialCookies);
        StreamReadConstraints depth = StreamReadConstraints.builder().maxNestingDepth(maxDepth).build();
        this.json = JsonFactory.builder().streamReadConstraints(depth).build();
        this.strict = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).streamReadConstraints(depth).build();
    }

    /** Findings in the path, query, headers and cookies: at most one per part. */
    List<Finding> head(ServerHttpRequest request) {
        List<Finding> findings = new ArrayList<>(2);
        String rawPath = request.getURI().getRawPath();
        Optional<Finding> path = value(Part.PATH, "path", rawPath == null ? "" : rawPath, false, true);
        if (path.isEmpty() && rawPath != null) {
            for (String segment : rawPath.split("/")) {
                path = value(Part.PATH, "path", segment, false, true);
                if (path.isPresent()) {
                    break;
                }
            }
        }
        path.ifPresent(findings::add);
        String query = request.getURI().getRawQuery();
        if (query != null) {
            form(Part.QUERY, query).ifPresent(findings::add);
        }
        headers(request.getHeaders()).ifPresent(findings::add);
        cookies(request).ifPresent(findings::add);
        return findings;
    }

    /**
     * Whether a body of this type is handed on as it streams, neither read nor held: a file's
     * bytes, which {@link #body} would not read anyway (an attachment is scanned for malware instead).
     */
    static boolean streamed(MediaType type) {
        return type != null && MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(type);
    }

    /** A finding in the body, read as its content type says; an unknown or binary type is not read. */
    Optional<Finding> body(byte[] body, MediaType type) {
        if (body.length == 0 || type == null) {
            return Optional.empty();
        }
        if (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json")) {
            return json(body);
        }
        if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return form(Part.BODY, new String(body, StandardCharsets.UTF_8));
        }
        if ("text".equals(type.getType())) {
            return value(Part.BODY, "body", new String(body, StandardCharsets.UTF_8), false, false);
        }
        return Optional.empty();
    }

    /**
     * Reads the body finding a key given twice itself, without a set for each object; a body that
     * is not JSON to its end is read again by Jackson's strict reading, which alone says whether a
     * key given twice comes before what breaks it.
     */
    private Optional<Finding> json(byte[] body) {
        try {
            return read(json, body, new PropertyNames());
        } catch (JacksonException e) {
            return strictly(body);
        }
    }

    private Optional<Finding> strictly(byte[] body) {
        try {
            return read(strict, body, null);
        } catch (StreamConstraintsException e) {
            return Optional.of(new Finding(FirewallRule.PROTOCOL, Part.BODY, "body",
                    "JSON nested deeper than " + maxDepth + " levels"));
        } catch (JacksonException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Duplicate")) {
                return Optional.of(new Finding(FirewallRule.PROTOCOL, Part.BODY, "body", message));
            }
            // Not JSON at all: the application refuses it as a malformed body; nothing of it is used.
            return Optional.empty();
        }
    }

    /** {@code names}: where to find a key given twice, or null when the parser finds it. */
    private static Optional<Finding> read(JsonFactory factory, byte[] body, PropertyNames names) {
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), body)) {
            String field = "$";
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (names != null && token == JsonToken.START_OBJECT) {
                    names.open();
                } else if (names != null && token == JsonToken.END_OBJECT) {
                    names.close();
                } else if (token == JsonToken.PROPERTY_NAME) {
                    field = parser.currentName();
                    if (names != null && names.repeated(field)) {
                        return Optional.of(new Finding(FirewallRule.PROTOCOL, Part.BODY, "body",
                                "Duplicate Object property \"" + field + "\""));
                    }
                    Optional<Finding> name = value(Part.BODY, field, field, false, false);
                    if (name.isPresent()) {
                        return name;
                    }
                } else if (token == JsonToken.VALUE_STRING && !Normaliser.plain(parser.getStringCharacters(),
                        parser.getStringOffset(), parser.getStringOffset() + parser.getStringLength())) {
                    // A plain value, as most are, is judged on the parser's characters without a string of its own.
                    Optional<Finding> text = value(Part.BODY, field, parser.getString(), false, false);
                    if (text.isPresent()) {
                        return text;
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<Finding> form(Part part, String encoded) {
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String label = Normaliser.canonical(name, true);
            Optional<Finding> found = value(part, label, name, true, part != Part.BODY);
            if (found.isEmpty() && equals >= 0) {
                found = value(part, label, pair.substring(equals + 1), true, part != Part.BODY);
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> headers(HttpHeaders headers) {
        for (String name : headers.headerNames()) {
            if (OPAQUE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : headers.get(name)) {
                Optional<Finding> found = value(Part.HEADER, name, value, false, true);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> cookies(ServerHttpRequest request) {
        for (List<HttpCookie> cookies : request.getCookies().values()) {
            for (HttpCookie cookie : cookies) {
                if (credentialCookies.contains(cookie.getName())) {
                    continue;
                }
                Optional<Finding> found = value(Part.COOKIE, cookie.getName(), cookie.getValue(), true, true);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> value(Part part, String name, String value, boolean form, boolean lineBreaks) {
        if (value.isEmpty() || Normaliser.plain(value)) {
            return Optional.empty();
        }
        return Detectors.scan(Normaliser.canonical(value, form), lineBreaks)
                .map(hit -> new Finding(hit.rule(), part, name, hit.matched()));
    }
}
