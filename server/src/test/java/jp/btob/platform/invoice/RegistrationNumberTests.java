package jp.btob.platform.invoice;

import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.system.problem.InvalidRegistrationNumberException;
import jp.btob.platform.system.problem.ProblemType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Registration numbers: their form, and a corporation's check digit. */
class RegistrationNumberTests {

    @ParameterizedTest
    @ValueSource(strings = {"T7000012050002", "T1180301018771", "T4011001098993", "T2120901007402", "T7123456789012"})
    @DisplayName("[SVC-INV] published corporate numbers (the National Tax Agency's own 7000012050002 among them) pass the check digit of the ordinance on corporate numbers, article 2")
    void parseWhenPublishedCorporateNumberThenAccepted(String number) {
        assertThat(RegistrationNumber.parse("n", number, IssuerKind.CORPORATION).value()).isEqualTo(number);
    }

    @Test
    @DisplayName("[SVC-INV] every single-digit change of a corporate number's check digit is refused as invalid")
    void parseWhenCheckDigitChangedThenInvalid() {
        for (char digit = '1'; digit <= '9'; digit++) {
            String number = "T" + digit + "000012050002";
            if (digit == '7') {
                continue;
            }
            InvalidRegistrationNumberException refused = catchThrowableOfType(InvalidRegistrationNumberException.class,
                    () -> RegistrationNumber.parse("registrationNumber", number, IssuerKind.CORPORATION));
            assertThat(refused.type()).isEqualTo(ProblemType.INVALID_REGISTRATION_NUMBER);
            assertThat(refused.errors()).singleElement().satisfies(error -> {
                assertThat(error.getField()).isEqualTo("registrationNumber");
                assertThat(error.getCode()).isEqualTo(FieldError.CodeEnum.INVALID);
            });
        }
    }

    @Test
    @DisplayName("[SVC-INV] a mistyped base digit or two swapped neighbours of a corporate number fail the check digit")
    void parseWhenBaseDigitMistypedThenInvalid() {
        assertThatThrownBy(() -> RegistrationNumber.parse("n", "T7000012050003", IssuerKind.CORPORATION))
                .isInstanceOf(InvalidRegistrationNumberException.class);
        assertThatThrownBy(() -> RegistrationNumber.parse("n", "T1180301017871", IssuerKind.CORPORATION))
                .isInstanceOf(InvalidRegistrationNumberException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7000012050002", "t7000012050002", "T700001205000", "T70000120500021", "T70000120500O2",
            " T7000012050002", "T7000012050002\n", "Ｔ7000012050002", "T７000012050002", "T-7000012050002"})
    @DisplayName("[SVC-INV] anything but T and 13 ASCII digits is refused as a format error, for either kind of issuer")
    void parseWhenNotTAnd13DigitsThenFormat(String text) {
        for (IssuerKind kind : IssuerKind.values()) {
            InvalidRegistrationNumberException refused = catchThrowableOfType(InvalidRegistrationNumberException.class,
                    () -> RegistrationNumber.parse("registrationNumber", text, kind));
            assertThat(refused.errors()).singleElement()
                    .satisfies(error -> assertThat(error.getCode()).isEqualTo(FieldError.CodeEnum.FORMAT));
        }
    }

    @Test
    @DisplayName("[SVC-INV] a sole proprietor's number is checked for its form only: digits that would fail a corporation's check digit pass")
    void parseWhenSoleProprietorThenFormOnly() {
        assertThat(RegistrationNumber.parse("n", "T1000012050002", IssuerKind.SOLE_PROPRIETOR).digits())
                .isEqualTo("1000012050002");
        assertThatThrownBy(() -> RegistrationNumber.parse("n", "T1000012050002", IssuerKind.CORPORATION))
                .isInstanceOf(InvalidRegistrationNumberException.class);
    }
}
