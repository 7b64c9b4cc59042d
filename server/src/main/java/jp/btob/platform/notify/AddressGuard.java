package jp.btob.platform.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps webhooks off the platform's own network (server-side request forgery): a webhook URL is
 * {@code https}, has no user info, and its host neither is nor resolves to a loopback, private,
 * link-local, shared, multicast or unspecified address, unless the host is one that
 * {@code btob.notify.webhook.private-hosts} allows. Checked when an endpoint is created and again
 * before each delivery, since what a name resolves to can change.
 */
public class AddressGuard {

    private final Set<String> privateHosts;

    AddressGuard(List<String> privateHosts) {
        this.privateHosts = Set.copyOf(privateHosts);
    }

    /** The URL if webhooks may be sent to it, else an error saying why; DNS is asked off the event loop. */
    public Mono<URI> check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException malformed) {
            return Mono.error(new RefusedUrlException("is not a URL"));
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Mono.error(new RefusedUrlException("must be an https URL"));
        }
        if (uri.getRawUserInfo() != null) {
            return Mono.error(new RefusedUrlException("must not carry a user name or password"));
        }
        if (uri.getHost() == null || uri.getRawFragment() != null) {
            return Mono.error(new RefusedUrlException("must name a host and have no fragment"));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (privateHosts.contains(host)) {
            return Mono.just(uri);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return Mono.fromCallable(() -> InetAddress.getAllByName(bare))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(UnknownHostException.class, unknown -> new RefusedUrlException("has a host that does not resolve"))
                .flatMap(addresses -> {
                    for (InetAddress address : addresses) {
                        if (internal(address)) {
                            return Mono.error(new RefusedUrlException(
                                    "must not point to a loopback, private, link-local or other internal address"));
                        }
                    }
                    return Mono.just(uri);
                });
    }

    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                    // this network
                    || first == 100 && second >= 64 && second < 128  // shared address space (carrier NAT)
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0   // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19)     // benchmarking
                    || first >= 240;                             // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc;
            boolean siteLocal = first == 0xfe && (b[1] & 0xc0) == 0xc0;
            boolean ipv4Compatible = true;
            for (int i = 0; i < 12; i++) {
                ipv4Compatible &= b[i] == 0;
            }
            return uniqueLocal || siteLocal || ipv4Compatible;
        }
        return true;
    }

    /** A webhook URL the platform will not send to; the message completes "The URL …". */
    public static final class RefusedUrlException extends RuntimeException {

        RefusedUrlException(String message) {
            super(message, null, false, false);
        }
    }
}
