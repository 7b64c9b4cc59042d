package jp.btob.platform.firewall;

/** A rule that matched: in which part, under which name (parameter, header, JSON field), and what matched. */
record Finding(FirewallRule rule, Part part, String name, String matched) {

    private static final int MAX_EXCERPT = 100;

    Finding {
        matched = matched.length() <= MAX_EXCERPT ? matched : matched.substring(0, MAX_EXCERPT);
        name = name.length() <= MAX_EXCERPT ? name : name.substring(0, MAX_EXCERPT);
    }
}
