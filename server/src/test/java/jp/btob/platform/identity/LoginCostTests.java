package jp.btob.platform.identity;

import java.util.List;
import java.util.Map;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.StatementLog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * What a password login costs beside its one hash, counted at the connection pool: the account
 * comes with its company's allow-list, SSO switch and saved security settings and with whether the
 * user chose a second factor, and the rest are the lockout, the session, its audit record and the
 * alert rules over it. Background jobs' statements are not counted.
 */
@Import(StatementLog.class)
class LoginCostTests extends IntegrationTest {

    @Autowired
    private StatementLog log;

    @MockitoSpyBean
    private PasswordHasher hasher;

    @Test
    @DisplayName("[SEC-IP] a password login hashes once and sends five statements: the account with its company's allow-list, SSO switch and settings and the user's choice of a second factor in one")
    void loginWhenPasswordOnlyThenOneHashAndFiveStatements() {
        TestCompany c = fixtures.company("株式会社ログイン費用");
        login(c.staffLoginId());
        clearInvocations(hasher);
        log.clear();

        login(c.staffLoginId());

        List<String> path = loginStatements();
        assertThat(path).as(String.join("\n", path)).hasSize(5);
        assertThat(path.get(0)).startsWith("SELECT u.id, u.company_id, u.password_hash")
                .contains("company_ip_allowlist").contains("company_sso").contains("company_security_settings")
                .contains("user_mfa");
        assertThat(path).filteredOn(sql -> sql.contains("company_security_settings")).hasSize(1);
        assertThat(path).filteredOn(sql -> sql.contains("user_mfa")).hasSize(1);
        assertThat(path).noneMatch(sql -> sql.startsWith("SELECT cidr") || sql.startsWith("SELECT sso_only"));
        assertThat(path).filteredOn(sql -> sql.contains("INSERT INTO user_session")).hasSize(1);
        verify(hasher, times(1)).matches(any(), any());
        verify(hasher, never()).hash(any());
    }

    @Test
    @DisplayName("[SEC-MFA] a user who chose a second factor gets a challenge, not a session, with their factors read once after the password: the shortcut for users without one skips nothing for them")
    void loginWhenUserChoseSecondFactorThenTheirFactorsAreReadAndAChallengeAnswers() {
        TestCompany c = fixtures.company("株式会社ログイン費用二");
        client(login(c.staffLoginId())).put().uri("/api/v1/me/mfa").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("channel", "EMAIL"))
                .exchange().expectStatus().isOk();
        log.clear();

        client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", c.staffLoginId(), "password", DemoData.PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.challengeId").isNotEmpty().jsonPath("$.token").doesNotExist();

        assertThat(loginStatements()).filteredOn(sql -> sql.contains("FROM app_user u LEFT JOIN user_mfa m")).hasSize(1);
    }

    private List<String> loginStatements() {
        return log.statements().stream().filter(sql -> !sql.contains("notification")).toList();
    }
}
