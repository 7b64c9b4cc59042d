package jp.btob.platform.system.net;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The one place that decides a request's client address (SEC-IP): the socket's peer, unless
 * the peer is a trusted proxy ({@code btob.http.trusted-proxies}); then {@code X-Forwarded-For}
 * is walked from the right, past every trusted proxy, and the first untrusted entry counts.
 * Entries left of it were written by the client and are never believed, so a header sent by an
 * untrusted peer changes nothing.
 */
@Component
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final CidrRanges trusted;

    ClientAddresses(HttpProperties properties) {
        this.trusted = properties.trustedRanges();
    }

    /** The client's address as an IP literal, without a DNS lookup; null if the socket's is unknown. */
    public String of(ServerHttpRequest request) {
        return resolve(peer(request), request.getHeaders().getValuesAsList(FORWARDED_FOR), trusted);
    }

    /** The socket's peer address. */
    static String peer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /**
     * The client address given the socket's peer, the {@code X-Forwarded-For} header values in
     * the order received, and the trusted proxies. An entry that is not an IP address stops the
     * walk at the last trusted hop, which then counts as the client.
     */
    static String resolve(String peer, List<String> forwardedFor, CidrRanges trusted) {
        if (peer == null || !trusted.contains(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = withoutPort(hops.get(i));
            if (!CidrRange.isAddress(hop)) {
                return client;
            }
            client = hop;
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** {@code [2001:db8::1]:443} and {@code 192.0.2.1:443} as some proxies write them, without the port. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}
