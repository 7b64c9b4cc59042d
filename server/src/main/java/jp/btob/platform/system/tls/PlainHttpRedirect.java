package jp.btob.platform.system.tls;

import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import jp.btob.platform.system.net.HttpProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The optional plain-HTTP port ({@code btob.http.redirect-port}): it serves nothing but a 308 to
 * the same path on the HTTPS port, so that a browser typing the bare host name reaches TLS, after
 * which HSTS keeps it there. A request whose Host is not a plain host name gets 400, so the port
 * cannot be made to redirect elsewhere.
 */
@Component
public class PlainHttpRedirect implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PlainHttpRedirect.class);

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]");

    private final HttpProperties properties;

    private volatile DisposableServer server;

    PlainHttpRedirect(HttpProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (properties.redirectPort() == null || event.getApplicationContext().getServerNamespace() != null
                || server != null) {
            return;
        }
        int httpsPort = event.getWebServer().getPort();
        server = HttpServer.create()
                .port(properties.redirectPort())
                .handle((request, response) -> redirect(request, response, httpsPort))
                .bindNow();
        log.info("Plain HTTP on port {} redirects to HTTPS on port {}", server.port(), httpsPort);
    }

    private static Mono<Void> redirect(HttpServerRequest request, HttpServerResponse response, int httpsPort) {
        String host = hostName(request.requestHeaders().get(HttpHeaderNames.HOST));
        if (host == null || !request.uri().startsWith("/")) {
            return response.status(HttpResponseStatus.BAD_REQUEST).send();
        }
        String location = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + request.uri();
        return response.status(HttpResponseStatus.PERMANENT_REDIRECT)
                .header(HttpHeaderNames.LOCATION, location)
                .header(HttpHeaderNames.CONTENT_LENGTH, "0")
                .send();
    }

    /** The Host header without its port, if it is a plain host name or a bracketed IPv6 address. */
    static String hostName(String header) {
        if (header == null) {
            return null;
        }
        String host = header.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(0, end + 1);
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return HOST.matcher(host).matches() ? host : null;
    }

    /** The port it listens on once started (a free one when configured as 0), or -1. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void destroy() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow();
        }
    }
}
