package jp.btob.platform.invoice;

import java.util.regex.Pattern;

import jp.btob.platform.system.problem.InvalidRegistrationNumberException;

/**
 * A qualified invoice issuer's registration number (適格請求書発行事業者登録番号): {@code T} and 13
 * digits.
 *
 * @param value the number as printed on invoices, such as {@code T7000012050002}
 */
public record RegistrationNumber(String value) {

    private static final Pattern FORM = Pattern.compile("T[0-9]{13}");

    public RegistrationNumber {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a registration number: " + value);
        }
    }

    /**
     * The number, if it is one for an issuer of this kind. A corporation's 13 digits are its corporate
     * number, whose check digit is verified. A sole proprietor's are assigned separately and reuse
     * neither the individual number nor a published check-digit rule, so only their form is checked.
     *
     * @param field names the field in the problem a refused number answers
     * @throws InvalidRegistrationNumberException naming the field, and whether the form or the check digit is wrong
     */
    public static RegistrationNumber parse(String field, String text, IssuerKind kind) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw InvalidRegistrationNumberException.format(field);
        }
        if (kind == IssuerKind.CORPORATION && !hasCorporateCheckDigit(text.substring(1))) {
            throw InvalidRegistrationNumberException.checkDigit(field);
        }
        return new RegistrationNumber(text);
    }

    /** The 13 digits without the {@code T}: the corporate number of a corporation, the Peppol JP endpoint ID. */
    public String digits() {
        return value.substring(1);
    }

    /**
     * The check digit of a corporate number (法人番号) is its first digit, 9 − (Σ Pn × Qn mod 9) over the
     * 12-digit base number, where Pn is the n-th digit counted from the lowest (rightmost) and Qn is 1
     * for odd n and 2 for even n: 法人番号の指定等に関する省令 (平成26年財務省令第70号) 第2条.
     */
    static boolean hasCorporateCheckDigit(String digits) {
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int digit = digits.charAt(digits.length() - n) - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }
        return digits.charAt(0) - '0' == 9 - sum % 9;
    }

    @Override
    public String toString() {
        return value;
    }
}
