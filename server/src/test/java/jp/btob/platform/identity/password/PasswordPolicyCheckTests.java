package jp.btob.platform.identity.password;

import java.util.List;

import jp.btob.platform.identity.PasswordHasher;
import jp.btob.platform.settings.PasswordPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of the password policy, its attack, and that every broken rule is named at once. */
class PasswordPolicyCheckTests {

    private static final PasswordPolicy WHITEPAPER = new PasswordPolicy(8, 15, 3, 4, true, true);

    private static final PasswordPolicy ASVS = new PasswordPolicy(12, 128, 0, 4, true, true);

    private static final String LOGIN_ID = "taro-yamada";

    private static final PasswordHasher HASHER = new PasswordHasher();

    private final PasswordPolicyCheck check = new PasswordPolicyCheck(new CommonPasswords(), HASHER);

    @Test
    @DisplayName("[SEC-PWPOL] the common-password list read from the repository holds at least 10 000 passwords")
    void listThenAtLeastTenThousand() {
        assertThat(new CommonPasswords().size()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    @DisplayName("[SEC-PWPOL] a password that keeps the whitepaper policy breaks no rule")
    void goodPasswordThenNoViolation() {
        assertThat(rules(WHITEPAPER, "Kumo#Sora-42")).isEmpty();
        assertThat(rules(WHITEPAPER, "Demo#2026pass")).as("the demo password").isEmpty();
    }

    @Test
    @DisplayName("[SEC-PWPOL] 7 characters are too short and 16 too long for 8 to 15; 8 and 15 are accepted")
    void lengthOutsideBoundsThenTooShortOrTooLong() {
        assertThat(rules(WHITEPAPER, "Ab1#xyz")).containsExactly(PasswordRule.TOO_SHORT);
        assertThat(rules(WHITEPAPER, "Ab1#xyzw")).isEmpty();
        assertThat(rules(WHITEPAPER, "Ab1#xyzwvutsrqp")).isEmpty();
        assertThat(rules(WHITEPAPER, "Ab1#xyzwvutsrqpo")).containsExactly(PasswordRule.TOO_LONG);
    }

    @Test
    @DisplayName("[SEC-PWPOL] length counts characters, not UTF-16 units: four emoji and four kana are 8 characters")
    void lengthThenCodePoints() {
        assertThat(rules(WHITEPAPER, "😀😀😀😀かなA1")).doesNotContain(PasswordRule.TOO_SHORT);
        assertThat(rules(new PasswordPolicy(8, 9, 0, 1, true, true), "😀😀😀😀😀😀😀😀")).isEmpty();
    }

    @Test
    @DisplayName("[SEC-PWPOL] 2 of the 4 character classes are refused under the 3-of-4 rule, 3 accepted; kana count as symbols")
    void twoClassesThenRefused() {
        assertThat(rules(WHITEPAPER, "kumosora42")).containsExactly(PasswordRule.TOO_FEW_CHARACTER_CLASSES);
        assertThat(rules(WHITEPAPER, "KUMO#SORA#")).containsExactly(PasswordRule.TOO_FEW_CHARACTER_CLASSES);
        assertThat(rules(WHITEPAPER, "Kumosora42")).isEmpty();
        assertThat(rules(WHITEPAPER, "くもそらKumo")).isEmpty();
        assertThat(CharacterClasses.count("Aa1!")).isEqualTo(4);
        assertThat(CharacterClasses.count("雲と空")).isEqualTo(1);
    }

    @Test
    @DisplayName("[SEC-PWPOL] a common password is refused in any case, and with digits and symbols after it; one that merely contains a common word is not")
    void commonPasswordThenRefusedWhateverItsCase() {
        assertThat(rules(ASVS, "Qwertyuiop123")).containsExactly(PasswordRule.COMMON_PASSWORD);
        assertThat(rules(ASVS, "BASEBALL1234")).containsExactly(PasswordRule.COMMON_PASSWORD);
        assertThat(rules(ASVS, "FootBall2026!")).containsExactly(PasswordRule.COMMON_PASSWORD);
        assertThat(rules(WHITEPAPER, "Password1")).containsExactly(PasswordRule.COMMON_PASSWORD);
        assertThat(rules(WHITEPAPER, "Dragon2026!")).containsExactly(PasswordRule.COMMON_PASSWORD);
        assertThat(rules(ASVS, "myfootballteamwins")).isEmpty();
        assertThat(rules(new PasswordPolicy(8, 15, 3, 4, false, true), "Password1")).as("when the policy allows it")
                .isEmpty();
    }

    @Test
    @DisplayName("[SEC-PWPOL] a password containing the login ID, in any case, is refused")
    void loginIdInsideThenRefused() {
        assertThat(rules(WHITEPAPER, "x" + LOGIN_ID.toUpperCase() + "9")).containsExactly(PasswordRule.CONTAINS_LOGIN_ID);
        assertThat(rules(WHITEPAPER, "Taro-Yamada#1")).containsExactly(PasswordRule.CONTAINS_LOGIN_ID);
        assertThat(rules(WHITEPAPER, "Taro-Yamad#1")).as("a part of it is not the login ID").isEmpty();
    }

    @Test
    @DisplayName("[SEC-PWPOL] the ASVS preset: 12 to 128 characters of any kind; 11 and 129 are refused")
    void asvsThenLengthOnly() {
        assertThat(rules(ASVS, "kumoyamakawa")).isEmpty();
        assertThat(rules(ASVS, "kumoyamakaw")).containsExactly(PasswordRule.TOO_SHORT);
        assertThat(rules(ASVS, "k".repeat(64) + "m".repeat(64))).isEmpty();
        assertThat(rules(ASVS, "k".repeat(64) + "m".repeat(65))).containsExactly(PasswordRule.TOO_LONG);
    }

    @Test
    @DisplayName("[SEC-PWPOL] a password among the last N (the current one included) is refused as reused; one older than N is accepted")
    void historyThenReuseRefusedWithinCount() {
        List<String> newestFirst = List.of(hash("Current#Pass1"), hash("Second#Pass2"), hash("Third#Pass3"));
        PasswordPolicy lastTwo = new PasswordPolicy(8, 15, 3, 2, true, true);

        assertThat(violations(lastTwo, "Current#Pass1", newestFirst)).containsExactly(PasswordRule.REUSED_PASSWORD);
        assertThat(violations(lastTwo, "Second#Pass2", newestFirst)).containsExactly(PasswordRule.REUSED_PASSWORD);
        assertThat(violations(lastTwo, "Third#Pass3", newestFirst)).as("older than the last two").isEmpty();
        assertThat(violations(lastTwo, "Fourth#Pass4", newestFirst)).isEmpty();
    }

    @Test
    @DisplayName("[SEC-PWPOL] one password breaking five rules at once is refused naming every one of them")
    void severalRulesThenEveryOneNamed() {
        PasswordPolicy strict = new PasswordPolicy(10, 15, 3, 4, true, true);
        List<PasswordViolation> all = check.check(strict, "password", "word", List.of(hash("password"))).block();

        assertThat(all).extracting(PasswordViolation::rule).containsExactlyInAnyOrder(
                PasswordRule.TOO_SHORT, PasswordRule.TOO_FEW_CHARACTER_CLASSES, PasswordRule.COMMON_PASSWORD,
                PasswordRule.CONTAINS_LOGIN_ID, PasswordRule.REUSED_PASSWORD);
        assertThat(all).extracting(PasswordViolation::message).allSatisfy(message -> assertThat(message).isNotBlank());
        assertThat(all.get(0).message()).contains("10");
    }

    private List<PasswordRule> rules(PasswordPolicy policy, String password) {
        return violations(policy, password, List.of());
    }

    private List<PasswordRule> violations(PasswordPolicy policy, String password, List<String> hashes) {
        return check.check(policy, password, LOGIN_ID, hashes).block().stream().map(PasswordViolation::rule).toList();
    }

    private static String hash(String password) {
        return HASHER.hash(password).block();
    }
}
