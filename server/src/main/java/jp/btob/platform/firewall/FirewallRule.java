package jp.btob.platform.firewall;

/** What the firewall looks for; each rule blocks or only reports, as configured. */
public enum FirewallRule {

    SQL_INJECTION("sql-injection"),
    XSS("xss"),
    PATH_TRAVERSAL("path-traversal"),
    COMMAND_INJECTION("command-injection"),
    /** Line breaks smuggled into a URL, a header or a cookie, to forge headers or split responses. */
    HEADER_INJECTION("header-injection"),
    /** A body the API's JSON cannot honestly be: duplicate keys, nesting past the limit, a bad content type. */
    PROTOCOL("protocol");

    private final String key;

    FirewallRule(String key) {
        this.key = key;
    }

    /** The rule's stable name, in audit events and settings. */
    public String key() {
        return key;
    }
}
