package jp.btob.platform.settings;

/**
 * How long sessions last.
 *
 * @param idleTimeoutEnabled      whether a session ends after {@code idleTimeoutMinutes} without a request
 * @param idleTimeoutMinutes      the idle time that ends a session, kept while the timeout is off
 * @param absoluteLifetimeMinutes how long a session lasts at most after login
 */
public record SessionPolicy(boolean idleTimeoutEnabled, int idleTimeoutMinutes, int absoluteLifetimeMinutes) {

    /** A day: a longer idle time is no timeout at all. */
    public static final int LONGEST_IDLE_MINUTES = 1440;
}
