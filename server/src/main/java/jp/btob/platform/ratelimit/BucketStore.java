package jp.btob.platform.ratelimit;

import java.util.List;

import reactor.core.publisher.Mono;

/** Where the buckets live: this instance's memory, or Redis for every instance. */
interface BucketStore {

    /**
     * Takes one token from each of these buckets, in order, and stops at the first that is empty:
     * one answer per bucket asked, the last a refusal when one refused. The buckets before a refusal
     * keep the token taken; the ones after it are not touched.
     */
    Mono<List<Decision>> consume(List<Take> takes);

    /** One bucket a request counts against: its key, and its limit. */
    record Take(String key, Limit limit) {
    }
}
