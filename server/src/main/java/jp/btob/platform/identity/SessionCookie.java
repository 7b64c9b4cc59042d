package jp.btob.platform.identity;

import java.time.Duration;

import org.springframework.http.ResponseCookie;

/** A session token for browsers, in every realm: out of reach of scripts, sent over TLS only, never cross-site. */
public final class SessionCookie {

    private SessionCookie() {
    }

    /** The cookie carrying {@code value} under {@code path}; an empty value with a zero age removes it. */
    public static ResponseCookie of(String name, String path, String value, Duration maxAge) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path(path)
                .maxAge(maxAge)
                .build();
    }
}
