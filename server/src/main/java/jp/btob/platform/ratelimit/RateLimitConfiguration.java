package jp.btob.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;

import jp.btob.platform.system.management.PlatformMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Local buckets, or Redis ones in front of them when {@code btob.rate-limit.redis-url} names a Redis. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

    @Bean
    BucketStore bucketStore(RateLimitProperties properties, Clock clock, PlatformMetrics metrics) {
        BucketClock time = new BucketClock(clock);
        LocalBucketStore local = new LocalBucketStore(time);
        if (properties.redisUrl().isEmpty()) {
            return local;
        }
        RedisBucketStore redis = new RedisBucketStore(properties, time, local, metrics);
        redis.connect(CONNECT_WAIT);
        return redis;
    }
}
