package jp.btob.platform.attachment;

import java.util.Set;

import jp.btob.platform.api.model.Attachment;

/**
 * Where an attachment stands: every file starts {@code PENDING_SCAN} and is settled once, to
 * {@code AVAILABLE} when scanned clean or {@code QUARANTINED} when infected (the database
 * refuses any other change). Only an available file is ever served.
 */
enum AttachmentStatus {

    PENDING_SCAN(Attachment.StatusEnum.PENDING_SCAN),
    AVAILABLE(Attachment.StatusEnum.AVAILABLE),
    QUARANTINED(Attachment.StatusEnum.QUARANTINED);

    private final Attachment.StatusEnum api;

    AttachmentStatus(Attachment.StatusEnum api) {
        this.api = api;
    }

    Attachment.StatusEnum api() {
        return api;
    }

    /** The statuses a file may move to from this one. */
    Set<AttachmentStatus> next() {
        return this == PENDING_SCAN ? Set.of(AVAILABLE, QUARANTINED) : Set.of();
    }
}
