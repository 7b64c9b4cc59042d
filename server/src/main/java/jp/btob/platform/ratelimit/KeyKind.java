package jp.btob.platform.ratelimit;

/** Whose requests one bucket counts. */
public enum KeyKind {

    /** The client's address, before authentication. */
    ADDRESS,

    /** One session, or one API client. */
    CALLER,

    /** Every session and API client of one company together. */
    COMPANY;

    public String key() {
        return name().toLowerCase();
    }
}
