package jp.btob.platform.bookkeeping;

import java.util.Arrays;
import java.util.List;

/**
 * Whether a document's versions still form the chain they were written as: each one numbered one
 * after the last, naming the hash of the one before, and hashing to its own stored hash.
 *
 * @param brokenAt the first version that breaks the chain, or null when it is intact
 */
record Verification(Integer brokenAt) {

    boolean verified() {
        return brokenAt == null;
    }

    static Verification of(List<DocumentVersion> versions) {
        byte[] previous = null;
        int expected = 1;
        for (DocumentVersion version : versions) {
            if (version.version() != expected
                    || !Arrays.equals(previous, version.previousHash())
                    || !Arrays.equals(DocumentVersion.link(version.previousHash(), version.content()), version.hash())) {
                return new Verification(version.version());
            }
            previous = version.hash();
            expected++;
        }
        return new Verification(null);
    }
}
