package jp.btob.platform.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rate limits' settings ({@code btob.rate-limit.*}): whether they apply, the limits of each
 * route group by key kind (a kind without a limit is not counted), and the Redis that holds the
 * buckets of every instance (empty: this instance's memory), with the prefix of its keys, the
 * time limit of one call and how long its circuit stays open once Redis fails.
 */
@ConfigurationProperties("btob.rate-limit")
public record RateLimitProperties(Boolean enabled, Group auth, Group write, Group read, String redisUrl,
                                  String keyPrefix, Duration redisTimeout, Duration redisOpenFor) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        auth = auth == null ? new Group("10/1m", null, null) : auth;
        write = write == null ? new Group("600/1m", "300/1m", "3000/1m") : write;
        read = read == null ? new Group("1200/1m", "600/1m", "6000/1m") : read;
        redisUrl = redisUrl == null ? "" : redisUrl.trim();
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "btob:rate:" : keyPrefix;
        redisTimeout = redisTimeout == null ? Duration.ofMillis(250) : redisTimeout;
        redisOpenFor = redisOpenFor == null ? Duration.ofSeconds(30) : redisOpenFor;
        if (!redisUrl.isEmpty() && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new IllegalArgumentException("btob.rate-limit.redis-url must start with redis:// or rediss://");
        }
        if (redisTimeout.isNegative() || redisTimeout.isZero() || redisTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("btob.rate-limit.redis-timeout must be between 1ms and 10s, not " + redisTimeout);
        }
        if (redisOpenFor.compareTo(Duration.ofSeconds(1)) < 0 || redisOpenFor.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("btob.rate-limit.redis-open-for must be between 1s and 1h, not " + redisOpenFor);
        }
        auth.check("auth");
        write.check("write");
        read.check("read");
    }

    /** The limit of this group for this kind of key; null where that kind is not counted. */
    public Limit limit(RouteGroup group, KeyKind kind) {
        Group limits = switch (group) {
            case AUTH -> auth;
            case WRITE -> write;
            case READ -> read;
        };
        return limits.limit(kind);
    }

    /** One route group's limits, each {@code capacity/period} or empty for none. */
    public record Group(String address, String caller, String company) {

        Limit limit(KeyKind kind) {
            String text = switch (kind) {
                case ADDRESS -> address;
                case CALLER -> caller;
                case COMPANY -> company;
            };
            return text == null || text.isBlank() ? null : Limit.parse(text);
        }

        void check(String group) {
            for (KeyKind kind : KeyKind.values()) {
                try {
                    limit(kind);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("btob.rate-limit." + group + "." + kind.key() + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
