package jp.btob.platform.audit;

import reactor.core.publisher.Mono;

/**
 * Told of every audit event as it is appended, inside the same transaction and while the
 * append holds its chain's head lock: what a listener writes commits or rolls back with the
 * event, and listeners for one chain never run concurrently. Alerts are raised this way,
 * without the audit trail knowing about them.
 */
public interface AuditListener {

    Mono<Void> appended(AuditedEvent event);
}
