package jp.btob.platform.settings;

/**
 * When repeated wrong passwords lock an account.
 *
 * @param maxFailures     how many failures within the window lock the account
 * @param windowMinutes   the window in which failures count
 * @param durationMinutes how long the account stays locked
 */
public record LockoutPolicy(int maxFailures, int windowMinutes, int durationMinutes) {

    /** A day, for the window and the lock alike: longer locks hand attackers a way to shut users out. */
    public static final int LONGEST_MINUTES = 1440;
}
