package jp.btob.platform.webhook;

import java.util.UUID;

/** An event as stored: its ID (the {@code X-Btob-Event-Id}), its type and the body sent. */
record StoredEvent(UUID id, String type, String body) {
}
