/**
 * Webhooks for a company's events (PLT-HOOK): the catalogue of event types, the events written in
 * the transaction of each document step and alert ({@link jp.btob.platform.webhook.WebhookEvents}),
 * and the administrators' API over endpoints, the delivery log and replay. Delivery itself is the
 * notification outbox's ({@code jp.btob.platform.notify}).
 */
package jp.btob.platform.webhook;
