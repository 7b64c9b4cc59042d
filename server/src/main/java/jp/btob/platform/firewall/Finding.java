package jp.btob.platform.firewall;

/** A rule that matched: in which part, under which name (parameter, header, JSON field), and what matched. */
record Finding(FirewallRule rule, Part part, String name, String matched) {

    private static final int MAX_EXCERPT = 100;

    Finding {
        matched = printable(matched.length() <= MAX_EXCERPT ? matched : matched.substring(0, MAX_EXCERPT));
        name = printable(name.length() <= MAX_EXCERPT ? name : name.substring(0, MAX_EXCERPT));
    }

    /** Control characters (a NUL, a line break) written as escapes, so that logs and the audit trail can hold them. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
