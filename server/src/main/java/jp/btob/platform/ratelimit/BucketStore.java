package jp.btob.platform.ratelimit;

import reactor.core.publisher.Mono;

/** Where the buckets live: this instance's memory, or Redis for every instance. */
interface BucketStore {

    /** Takes one token from the bucket of this key, which has this limit, if it has one. */
    Mono<Decision> consume(String key, Limit limit);
}
