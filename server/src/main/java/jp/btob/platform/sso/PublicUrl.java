package jp.btob.platform.sso;

import java.net.URI;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The platform's own addresses that identity providers send browsers back to: under
 * {@code btob.sso.public-url} when it is set (behind a reverse proxy it must be), else under the
 * scheme, host and port this request reached.
 */
@Component
public class PublicUrl {

    private final SsoProperties properties;

    PublicUrl(SsoProperties properties) {
        this.properties = properties;
    }

    /** The absolute URL of {@code path} (which starts with a slash). */
    public String of(ServerWebExchange exchange, String path) {
        URI base = properties.publicUrl() != null ? properties.publicUrl() : exchange.getRequest().getURI();
        String prefix = properties.publicUrl() != null ? stripSlash(base.getRawPath()) : "";
        return UriComponentsBuilder.newInstance().scheme(base.getScheme()).host(base.getHost()).port(base.getPort())
                .path(prefix + path).build().toUriString();
    }

    private static String stripSlash(String path) {
        return path == null ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
