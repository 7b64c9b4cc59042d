package jp.btob.platform.system;

import org.springframework.core.Ordered;

/**
 * The order of every web filter of the platform, declared once. Spring Security's chain
 * runs at -100, between the filters that come before authentication and those after it.
 */
public enum WebFilterOrder {

    /** Gives each request its trace ID before anything can fail. */
    TRACE(Ordered.HIGHEST_PRECEDENCE),

    /** Writes one access-log line per request; next to TRACE so that it sees every answer and its trace ID. */
    ACCESS_LOG(Ordered.HIGHEST_PRECEDENCE + 5),

    /** Marks every response for HSTS, so that filters answering early carry it too. */
    HSTS(Ordered.HIGHEST_PRECEDENCE + 10),

    /** Maps the probes' public paths to Boot's additional paths, before authorization sees them. */
    PROBE_PATHS(Ordered.HIGHEST_PRECEDENCE + 50),

    /** Hides the API document that springdoc derives from code; the spec files are the contract. */
    DERIVED_DOCS(Ordered.HIGHEST_PRECEDENCE + 100),

    /**
     * The application firewall, before anything reads the request for the application: rate
     * limits, authentication, the IP allow-list and permissions all come after it.
     */
    FIREWALL(Ordered.HIGHEST_PRECEDENCE + 150),

    /** Moves the serving of files from the jar off the event loop. */
    STATIC_FILES(Ordered.HIGHEST_PRECEDENCE + 200),

    /** Spring Security's filter chain: authentication and authorization. */
    SECURITY(-100);

    private final int order;

    WebFilterOrder(int order) {
        this.order = order;
    }

    public int order() {
        return order;
    }
}
