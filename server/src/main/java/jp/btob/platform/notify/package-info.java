/**
 * Notifications through a durable outbox (OPS-ALERT): e-mail over SMTP and signed webhooks,
 * enqueued in the transaction of the change they report, delivered by {@link
 * jp.btob.platform.notify.DeliveryWorker} with retries, backoff and a circuit breaker per endpoint.
 * Other features enqueue through {@link jp.btob.platform.notify.Notifications}.
 */
package jp.btob.platform.notify;
