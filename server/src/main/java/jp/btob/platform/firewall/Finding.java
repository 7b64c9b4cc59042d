package jp.btob.platform.firewall;

/** A rule that matched: in which part, under which name (parameter, header, JSON field), and what matched. */
record Finding(FirewallRule rule, Part part, String name, String matched) {

    private static final int MAX_EXCERPT = 100;

    Finding {
        matched = storable(matched.length() <= MAX_EXCERPT ? matched : matched.substring(0, MAX_EXCERPT));
        name = storable(name.length() <= MAX_EXCERPT ? name : name.substring(0, MAX_EXCERPT));
    }

    /** PostgreSQL text and jsonb cannot hold U+0000, which attacks send: it is recorded as its escape. */
    private static String storable(String text) {
        return text.replace(String.valueOf((char) 0), "\\u0000");
    }
}
