package jp.btob.platform.system.logging.archive;

import java.io.IOException;

/** An archive that cannot be vouched for: not an archive, altered, truncated, reordered, or under a key not configured. */
class ArchiveRefusedException extends IOException {

    ArchiveRefusedException(String message) {
        super(message);
    }
}
