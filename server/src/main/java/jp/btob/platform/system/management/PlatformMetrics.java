package jp.btob.platform.system.management;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The platform's own security counters. Every tag value is one of a fixed set, never user data,
 * and every series is registered at zero so that rates and alerts work before the first event.
 */
@Component
public class PlatformMetrics {

    /**
     * Why a login was refused, as the audit trail records it. {@code ACCOUNT_LOCKED} counts the
     * right password refused during a lock; a wrong one during a lock counts as {@code WRONG_PASSWORD}.
     */
    public enum LoginFailure { WRONG_PASSWORD, ACCOUNT_DISABLED, UNKNOWN_LOGIN_ID, ACCOUNT_LOCKED }

    /**
     * Why a request was turned away before it reached a handler; {@code IP} counts requests and
     * logins from outside the company's IP allow-list, {@code RATE_LIMIT} the 429s of a rate limit.
     */
    public enum BlockReason { INVALID_TOKEN, IP, FIREWALL, RATE_LIMIT }

    private final Map<LoginFailure, Counter> loginFailures = new EnumMap<>(LoginFailure.class);

    private final Map<BlockReason, Counter> blocked = new EnumMap<>(BlockReason.class);

    private final Counter auditEventsExpired;

    private final Counter lockouts;

    private final Counter rateLimitFallbacks;

    public PlatformMetrics(MeterRegistry registry) {
        for (LoginFailure reason : LoginFailure.values()) {
            loginFailures.put(reason, Counter.builder("btob.login.failures")
                    .description("Refused logins").tag("reason", reason.name()).register(registry));
        }
        for (BlockReason reason : BlockReason.values()) {
            blocked.put(reason, Counter.builder("btob.requests.blocked")
                    .description("Requests turned away before a handler").tag("reason", reason.name())
                    .register(registry));
        }
        lockouts = Counter.builder("btob.lockouts").description("Accounts locked after repeated failures").register(registry);
        rateLimitFallbacks = Counter.builder("btob.ratelimit.fallbacks")
                .description("Rate-limit decisions taken in local buckets because Redis failed or its circuit was open")
                .register(registry);
        auditEventsExpired = Counter.builder("btob.audit.events.expired")
                .description("Audit events removed once their month passed the retention period").register(registry);
    }

    public void loginFailed(LoginFailure reason) {
        loginFailures.get(reason).increment();
    }

    public void requestBlocked(BlockReason reason) {
        blocked.get(reason).increment();
    }

    public void lockedOut() {
        lockouts.increment();
    }

    public void rateLimitFallback() {
        rateLimitFallbacks.increment();
    }

    public void auditEventsExpired(long count) {
        auditEventsExpired.increment(count);
    }
}
