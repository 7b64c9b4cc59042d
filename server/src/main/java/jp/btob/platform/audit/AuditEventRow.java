package jp.btob.platform.audit;

import java.util.UUID;

/** An audit event as stored: its facts, its place in the chain, the content hashed and the links. */
record AuditEventRow(UUID id, long seq, AuditFacts facts, String content, byte[] prevHash, byte[] hash) {
}
