package jp.btob.platform.attachment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Attachments ({@code btob.attachments.*}).
 *
 * @param maxSize        the largest file any company may attach (1KB to 100MB), and the limit of a
 *                       company that has set none of its own: a file is held in memory while it is
 *                       hashed, encrypted and scanned, so this ceiling is itself capped
 * @param rescanInterval how often files left {@code pending-scan} are scanned again; 0 leaves it to other instances
 */
@ConfigurationProperties("btob.attachments")
public record AttachmentProperties(DataSize maxSize, Duration rescanInterval) {

    /** The platform's ceiling for {@code max-size}. */
    static final DataSize CEILING = DataSize.ofMegabytes(100);

    public AttachmentProperties {
        maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
        rescanInterval = rescanInterval == null ? Duration.ofMinutes(1) : rescanInterval;
        if (maxSize.toBytes() < 1024 || maxSize.toBytes() > CEILING.toBytes()) {
            throw new IllegalArgumentException("btob.attachments.max-size (BTOB_ATTACHMENTS_MAX_SIZE) must be between 1KB and "
                    + CEILING.toMegabytes() + "MB, not " + maxSize);
        }
        if (rescanInterval.isNegative() || (!rescanInterval.isZero() && rescanInterval.toSeconds() < 1)) {
            throw new IllegalArgumentException("btob.attachments.rescan-interval (BTOB_ATTACHMENTS_RESCAN_INTERVAL) must be 0 "
                    + "or at least 1s, not " + rescanInterval);
        }
    }
}
