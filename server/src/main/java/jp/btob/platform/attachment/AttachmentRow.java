package jp.btob.platform.attachment;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.audit.Actor;
import jp.btob.platform.trade.SharedDocument;

/** An attachment's record, without its bytes. {@code companyId}: the uploader's company, whose data key encrypts them. */
record AttachmentRow(UUID id, SharedDocument kind, UUID documentId, UUID companyId, Actor uploadedBy, String filename,
                     String mediaType, long size, byte[] sha256, AttachmentStatus status, String signature,
                     Instant uploadedAt, Instant scannedAt) {
}
