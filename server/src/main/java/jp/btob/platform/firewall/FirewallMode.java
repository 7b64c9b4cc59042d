package jp.btob.platform.firewall;

/** What a rule does when it matches. */
public enum FirewallMode {

    /** Refuse the request with 403 {@code request-blocked} and audit it as {@code waf.block}. */
    BLOCK,

    /** Let the request through and audit it as {@code waf.detect}: for trying a rule out before it blocks. */
    MONITOR
}
