package jp.btob.platform.identity.password;

/**
 * The four character classes of the whitepaper's rule: upper-case letters, lower-case letters,
 * digits, and symbols, where every other character counts as a symbol (spaces, punctuation, and
 * letters without case such as kana and kanji), so that no character a user types counts for nothing.
 */
final class CharacterClasses {

    private CharacterClasses() {
    }

    /** How many of the four classes the password mixes, 0 to 4. */
    static int count(String password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            if (Character.isUpperCase(c)) {
                upper = true;
            }
            else if (Character.isLowerCase(c)) {
                lower = true;
            }
            else if (Character.isDigit(c)) {
                digit = true;
            }
            else {
                symbol = true;
            }
            i += Character.charCount(c);
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
