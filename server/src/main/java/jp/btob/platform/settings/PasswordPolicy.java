package jp.btob.platform.settings;

/**
 * What a new password must be.
 *
 * @param minLength             the fewest characters, counted as Unicode code points
 * @param maxLength             the most characters
 * @param minCharacterClasses   how many of upper case, lower case, digits and symbols it must mix
 * @param historyCount          how many of the latest passwords, the current one included, it may not repeat
 * @param refuseCommonPasswords whether common passwords are refused
 * @param refuseLoginId         whether a password containing the login ID is refused
 */
public record PasswordPolicy(int minLength, int maxLength, int minCharacterClasses, int historyCount,
                             boolean refuseCommonPasswords, boolean refuseLoginId) {

    /** No policy may allow longer passwords; Argon2id would take them, people do not need them. */
    public static final int LONGEST = 128;

    public static final int CHARACTER_CLASSES = 4;

    /** The most passwords a user's history keeps, so the longest history a policy can ask for. */
    public static final int LONGEST_HISTORY = 24;
}
