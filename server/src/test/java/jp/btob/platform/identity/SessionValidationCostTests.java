package jp.btob.platform.identity;

import java.util.List;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.StatementLog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * What validating a session token costs, counted at the connection pool: no password is hashed,
 * and the session is found by its token hash in one statement. The statements counted are those
 * on the tables of sessions, accounts and settings, so that a background job's do not.
 */
@Import(StatementLog.class)
class SessionValidationCostTests extends IntegrationTest {

    private static final int VALIDATIONS = 10;

    @Autowired
    private SessionAuthenticationManager sessions;

    @Autowired
    private StatementLog log;

    @MockitoSpyBean
    private PasswordHasher hasher;

    @Test
    @DisplayName("[SEC-IDLE] validating a live session ten times hashes no password, finds the session, its permissions and its company's idle timeout in one statement each time and writes its use at most once")
    void validateWhenRepeatedThenOneLookupEachAndNoHashing() {
        TestCompany c = fixtures.company("株式会社検証費用");
        String token = login(c.staffLoginId());
        clearInvocations(hasher);
        log.clear();

        for (int i = 0; i < VALIDATIONS; i++) {
            Authentication authenticated = sessions.authenticate(new SessionTokenAuthentication(token)).block();
            assertThat(authenticated).isInstanceOf(SessionAuthentication.class);
        }

        List<String> path = onAccounts(log.statements());
        List<String> lookups = path.stream().filter(sql -> sql.contains("WHERE s.token_hash = ")).toList();
        List<String> touches = path.stream().filter(sql -> sql.startsWith("UPDATE user_session SET last_seen_at")).toList();
        assertThat(lookups).hasSize(VALIDATIONS);
        // Use is written at most every 30 seconds, so ten validations in a row write it at most once.
        assertThat(touches).hasSizeLessThanOrEqualTo(1);
        assertThat(path).hasSize(lookups.size() + touches.size());
        assertThat(path).noneMatch(sql -> sql.contains("password_hash"));
        verify(hasher, never()).matches(any(), any());
        verify(hasher, never()).hash(any());
    }

    @Test
    @DisplayName("[SEC-IDLE] an unknown token costs one statement and no password hashing: guessing tokens cannot make the server hash")
    void validateWhenUnknownTokenThenOneLookupAndNoHashing() {
        clearInvocations(hasher);
        log.clear();

        for (int i = 0; i < VALIDATIONS; i++) {
            assertThatThrownBy(() -> sessions.authenticate(new SessionTokenAuthentication(SessionTokens.newToken())).block())
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThat(onAccounts(log.statements())).hasSize(VALIDATIONS)
                .allMatch(sql -> sql.contains("WHERE s.token_hash = "));
        verify(hasher, never()).matches(any(), any());
        verify(hasher, never()).hash(any());
    }

    /** The statements on sessions, users, companies, roles, permissions and settings. */
    private static List<String> onAccounts(List<String> statements) {
        return statements.stream()
                .filter(sql -> sql.matches("(?s).*\\b(user_session|app_user|company|company_security_settings|user_role"
                        + "|company_role|user_permission)\\b.*"))
                .toList();
    }
}
