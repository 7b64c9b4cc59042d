package jp.btob.platform.system.logging;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * What the access log names as the request's target: the route's path template, never the
 * path as sent. A path that reached no route is chosen by the caller, so it is logged only as
 * {@link #UNMATCHED}; otherwise anyone could fill the log with paths of their choosing, or with
 * IDs and secrets pasted into a URL.
 */
final class RouteTemplate {

    static final String UNMATCHED = "UNMATCHED";

    private RouteTemplate() {
    }

    static String of(ServerWebExchange exchange) {
        String template = template(exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        if (template != null && !isCatchAll(template)) {
            return template;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        // Only something actually served there (a file, a probe) proves that the path is ours;
        // errors (401 and 403 answered before routing, 404 of a catch-all) keep it out of the log.
        if (status != null && status.value() < 400) {
            return exchange.getRequest().getPath().pathWithinApplication().value();
        }
        return UNMATCHED;
    }

    private static String template(Object pattern) {
        if (pattern instanceof PathPattern path) {
            return path.getPatternString();
        }
        return pattern == null ? null : pattern.toString();
    }

    /** Static resources are mapped by patterns such as {@code /**} that match any path at all. */
    private static boolean isCatchAll(String template) {
        return template.contains("**") || template.contains("{*");
    }
}
