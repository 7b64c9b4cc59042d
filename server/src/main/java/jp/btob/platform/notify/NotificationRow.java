package jp.btob.platform.notify;

import java.util.UUID;

/** A claimed notification, with what its delivery needs. */
record NotificationRow(UUID id, Channel channel, UUID eventId, String recipient, String endpointKey,
                       UUID webhookEndpointId, String subject, String body, int attempts) {
}
