package jp.btob.platform.identity.mfa;

import java.util.Map;

import jp.btob.client.BtobApiException;
import jp.btob.client.BtobClient;
import jp.btob.client.model.LoginResponse;
import jp.btob.client.model.LoginTheme;
import jp.btob.client.model.MfaChannel;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static jp.btob.platform.identity.mfa.MfaSteps.awaitCode;
import static jp.btob.platform.identity.mfa.MfaSteps.mailCount;
import static jp.btob.platform.identity.mfa.MfaSteps.other;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Java SDK through the whole login: theme, password, second factor. */
class MfaSdkTests extends IntegrationTest {

    @Test
    @DisplayName("[SEC-MFA][SEC-THEME] through the SDK: identify shows the chosen theme, login answers mfaRequired without a token, a wrong code raises the 401 problem, verifyMfa keeps the session")
    void sdkLoginWithSecondFactor() {
        TestCompany company = fixtures.company("株式会社SDK二要素");
        MfaSteps.requireMfa(client(login(company.adminLoginId())));
        String user = company.staffLoginId();
        client(loginThroughMail(user)).put().uri("/api/v1/me/login-theme").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("colour", "PURPLE", "pattern", "CHECKS")).exchange().expectStatus().isOk();
        BtobClient sdk = BtobClient.builder().baseUrl(baseUrl()).trustCertificate(serverCertificate()).build();

        LoginTheme theme = sdk.identify(user).block();
        assertThat(theme.getColour()).isEqualTo(LoginTheme.ColourEnum.PURPLE);
        assertThat(theme.getPattern()).isEqualTo(LoginTheme.PatternEnum.CHECKS);

        String address = user + "@test.example";
        int seen = mailCount(address);
        LoginResponse challenge = sdk.login(user, DemoData.PASSWORD, MfaChannel.EMAIL).block();
        assertThat(challenge.getMfaRequired()).isTrue();
        assertThat(challenge.getToken()).isNull();
        assertThat(catchThrowableOfType(BtobApiException.class,
                () -> sdk.me().getMe().onErrorMap(BtobApiException::translate).block()).getStatus()).isEqualTo(401);
        String code = awaitCode(address, seen);

        BtobApiException wrong = catchThrowableOfType(BtobApiException.class,
                () -> sdk.verifyMfa(challenge.getChallengeId(), other(code)).block());
        assertThat(wrong.getType()).isEqualTo("/problems/invalid-mfa-code");
        LoginResponse session = sdk.verifyMfa(challenge.getChallengeId(), code).block();
        assertThat(session.getToken()).isNotBlank();
        assertThat(sdk.me().getMe().block().getLoginId()).isEqualTo(user);
    }

    private String loginThroughMail(String user) {
        String address = user + "@test.example";
        int seen = mailCount(address);
        Object challenge = MfaSteps.start(client(), user, DemoData.PASSWORD, null).get("challengeId");
        return (String) EmailMfaTests.problem(MfaSteps.verify(client(), challenge, awaitCode(address, seen))
                .expectStatus().isOk()).get("token");
    }
}
