package jp.btob.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a call is sent: its response timeout, how often it is retried and how long it waits between
 * attempts, and its {@code Idempotency-Key}. Immutable; a setting left unset takes the client's
 * default, so that per-call options given to {@link BtobClient#withOptions} change only what they set.
 *
 * <pre>{@code
 * RequestOptions patient = RequestOptions.builder().maxRetries(5).responseTimeout(Duration.ofMinutes(1)).build();
 * client.withOptions(patient).invoices().listInvoices(...);
 * }</pre>
 */
public final class RequestOptions {

    /** The defaults of a client built without options. */
    static final RequestOptions DEFAULTS = builder()
            .responseTimeout(Duration.ofSeconds(30))
            .maxRetries(2)
            .retryBackoff(Duration.ofMillis(500), Duration.ofSeconds(30))
            .build();

    private final Duration responseTimeout;
    private final Integer maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final String idempotencyKey;

    private RequestOptions(Builder builder) {
        this.responseTimeout = builder.responseTimeout;
        this.maxRetries = builder.maxRetries;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.idempotencyKey = builder.idempotencyKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No setting of its own: every one is the client's. */
    public static RequestOptions none() {
        return builder().build();
    }

    /** How long to wait for an answer once a request is sent, per attempt; null for the client's. */
    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    /** How many times a failed attempt is retried (0 for never); null for the client's. */
    public Integer getMaxRetries() {
        return maxRetries;
    }

    /** The first retry waits up to this long, each next one up to twice as long; null for the client's. */
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    /** The longest wait between two attempts, {@code Retry-After} included; null for the client's. */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    /** The key sent as {@code Idempotency-Key} instead of a fresh one; null for a fresh one per call. */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    /** These options, each unset one taken from {@code defaults}. */
    RequestOptions over(RequestOptions defaults) {
        Builder merged = new Builder();
        merged.responseTimeout = responseTimeout != null ? responseTimeout : defaults.responseTimeout;
        merged.maxRetries = maxRetries != null ? maxRetries : defaults.maxRetries;
        merged.initialBackoff = initialBackoff != null ? initialBackoff : defaults.initialBackoff;
        merged.maxBackoff = maxBackoff != null ? maxBackoff : defaults.maxBackoff;
        merged.idempotencyKey = idempotencyKey != null ? idempotencyKey : defaults.idempotencyKey;
        return merged.build();
    }

    @Override
    public String toString() {
        return "RequestOptions[responseTimeout=" + responseTimeout + ", maxRetries=" + maxRetries
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", idempotencyKey=" + idempotencyKey + "]";
    }

    /** Builds {@link RequestOptions}; each setting is checked when it is given. */
    public static final class Builder {

        private Duration responseTimeout;
        private Integer maxRetries;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private String idempotencyKey;

        private Builder() {
        }

        /** How long to wait for an answer once a request is sent, per attempt; 30 seconds unless set. */
        public Builder responseTimeout(Duration responseTimeout) {
            Objects.requireNonNull(responseTimeout, "responseTimeout");
            if (responseTimeout.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("responseTimeout must be positive (at least 1 ms), was " + responseTimeout);
            }
            this.responseTimeout = responseTimeout;
            return this;
        }

        /**
         * How many times to retry an attempt that failed with 429, 502, 503, 504, 409
         * {@code /problems/idempotency-in-progress} or no answer at all; 2 unless set, 0 for never.
         * A {@code POST} is retried only when it carries an {@code Idempotency-Key}.
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0 || maxRetries > 10) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 10, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Exponential backoff with full jitter: retry {@code n} waits a random time up to
         * {@code min(max, initial × 2^(n-1))}, or the answer's {@code Retry-After} when it gives one, but never
         * more than {@code max}; half a second and 30 seconds unless set.
         */
        public Builder retryBackoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.isNegative() || initial.isZero()) {
                throw new IllegalArgumentException("the initial backoff must be positive, was " + initial);
            }
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("the maximum backoff " + max + " is shorter than the initial " + initial);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * The {@code Idempotency-Key} of the call, for a call that must stay one across restarts of the
         * caller (such as a key stored with the ERP's own record); without it each call gets a fresh UUID.
         * A key given as the generated operation's own parameter wins over this one.
         */
        public Builder idempotencyKey(String idempotencyKey) {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            if (idempotencyKey.isEmpty() || idempotencyKey.length() > 255
                    || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                throw new IllegalArgumentException(
                        "idempotencyKey must be 1 to 255 printable ASCII characters without spaces, was \"" + idempotencyKey + "\"");
            }
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
