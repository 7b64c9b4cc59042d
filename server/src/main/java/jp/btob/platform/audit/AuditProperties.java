package jp.btob.platform.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the audit trail is watched.
 *
 * @param chainCheckInterval how often every chain is walked for tampering ({@link ChainWatch});
 *                           zero turns the periodic walk off
 */
@ConfigurationProperties("btob.audit")
public record AuditProperties(Duration chainCheckInterval) {

    public AuditProperties {
        chainCheckInterval = chainCheckInterval == null ? Duration.ofMinutes(15) : chainCheckInterval;
        if (chainCheckInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "btob.audit.chain-check-interval (BTOB_AUDIT_CHAIN_CHECK_INTERVAL) must be 0 (off) or positive, not "
                            + chainCheckInterval);
        }
    }
}
