package jp.btob.platform.system;

/**
 * Versions as strong entity tags, for optimistic concurrency: a resource answers its version as
 * {@code ETag}, and a change names the version it read in {@code If-Match}.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Whether {@code If-Match} names this version. Weak tags never match (RFC 9110, 13.1.1), and
     * neither does {@code *}: it would let a change overwrite another one its sender never saw.
     */
    public static boolean matches(String ifMatch, long version) {
        if (ifMatch == null) {
            return false;
        }
        String expected = of(version);
        for (String tag : ifMatch.split(",")) {
            if (tag.trim().equals(expected)) {
                return true;
            }
        }
        return false;
    }
}
