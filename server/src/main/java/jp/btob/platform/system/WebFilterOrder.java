package jp.btob.platform.system;

import org.springframework.core.Ordered;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.web.server.WebFilter;

/**
 * The order of every web filter of the platform, declared once, in the order they run. The
 * filters before {@link #SECURITY} are web filters of their own; Spring Security's chain runs at
 * -100, and the entries after it are the filters inside that chain, placed at or after Spring
 * Security's own positions in the order of their declaration here ({@link #addTo}).
 */
public enum WebFilterOrder {

    /** Gives each request its trace ID before anything can fail. */
    TRACE(Ordered.HIGHEST_PRECEDENCE),

    /** Writes one access-log line per request; next to TRACE so that it sees every answer and its trace ID. */
    ACCESS_LOG(Ordered.HIGHEST_PRECEDENCE + 5),

    /** Marks every response for HSTS, so that filters answering early carry it too. */
    HSTS(Ordered.HIGHEST_PRECEDENCE + 10),

    /** Security headers on every response, those answered early included; next to HSTS for the same reason. */
    SECURITY_HEADERS(Ordered.HIGHEST_PRECEDENCE + 11),

    /** Maps the probes' public paths to Boot's additional paths, before authorization sees them. */
    PROBE_PATHS(Ordered.HIGHEST_PRECEDENCE + 50),

    /** Hides the API document that springdoc derives from code; the spec files are the contract. */
    DERIVED_DOCS(Ordered.HIGHEST_PRECEDENCE + 100),

    /**
     * The application firewall, before anything reads the request for the application: rate
     * limits, authentication, the IP allow-list and permissions all come after it.
     */
    FIREWALL(Ordered.HIGHEST_PRECEDENCE + 150),

    /** The rate limit per source address, before authentication: guesses of any kind cost the guesser. */
    ADDRESS_RATE_LIMIT(Ordered.HIGHEST_PRECEDENCE + 175),

    /** Moves the serving of files from the jar off the event loop. */
    STATIC_FILES(Ordered.HIGHEST_PRECEDENCE + 200),

    /** Spring Security's filter chain: the entries below, in this order. */
    SECURITY(-100),

    /** Each login realm's authentication of its session tokens (and of API clients' secrets). */
    AUTHENTICATION(SecurityWebFiltersOrder.AUTHENTICATION, false),

    /** The company's IP allow-list, once the caller's company is known. */
    IP_ALLOWLIST(SecurityWebFiltersOrder.AUTHENTICATION, true),

    /** The rate limits per caller and per company, once the caller is known and let in from its address. */
    CALLER_RATE_LIMIT(SecurityWebFiltersOrder.AUTHENTICATION, true),

    /** Holds a session opened with an expired password to the password change. */
    PASSWORD_CHANGE(SecurityWebFiltersOrder.AUTHENTICATION, true),

    /** Spring Security's authorization: which realm each path needs. */
    AUTHORIZATION(SecurityWebFiltersOrder.AUTHORIZATION, false),

    /** Each operation's declared permission ({@code x-permission}). */
    PERMISSION(SecurityWebFiltersOrder.AUTHORIZATION, true),

    /** Idempotent creates (PLT-IDEM), once the caller is known and allowed: a refused request claims no key. */
    IDEMPOTENCY(SecurityWebFiltersOrder.AUTHORIZATION, true);

    private final int order;

    private final SecurityWebFiltersOrder anchor;

    private final boolean after;

    WebFilterOrder(int order) {
        this.order = order;
        this.anchor = null;
        this.after = false;
    }

    WebFilterOrder(SecurityWebFiltersOrder anchor, boolean after) {
        this.order = -100;
        this.anchor = anchor;
        this.after = after;
    }

    /** The order of a web filter of its own; the chain's filters run inside {@link #SECURITY}'s. */
    public int order() {
        if (anchor != null) {
            throw new IllegalStateException(this + " runs inside Spring Security's chain: add it with addTo");
        }
        return order;
    }

    /**
     * Adds a filter of Spring Security's chain at its place. Filters placed after the same
     * position run in the order they are added, so add them in this enum's order.
     */
    public void addTo(ServerHttpSecurity http, WebFilter filter) {
        if (anchor == null) {
            throw new IllegalStateException(this + " is not a filter of Spring Security's chain");
        }
        if (after) {
            http.addFilterAfter(filter, anchor);
        } else {
            http.addFilterAt(filter, anchor);
        }
    }
}
