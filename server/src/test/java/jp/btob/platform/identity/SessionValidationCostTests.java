package jp.btob.platform.identity;

import java.util.List;
import java.util.Map;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.StatementLog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
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

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

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

    @Test
    @DisplayName("[SEC-IP] a company with an IP allow-list: a session's request and an API client's read the list in the statement that finds the caller, with no statement of its own; the list still decides, and a change holds from the next request")
    void allowlistWhenCallerFoundThenReadWithItAndStillEnforced() {
        TestCompany c = fixtures.company("株式会社許可一覧費用");
        WebTestClient admin = client(login(c.adminLoginId()));
        allowlist(admin, List.of(Map.of("cidr", "127.0.0.1/32"), Map.of("cidr", "::1/128")), false).expectStatus().isOk();
        String secret = (String) admin.post().uri("/api/v1/admin/api-clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "基幹システム", "scopes", List.of("company:read"))).exchange()
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("secret");
        WebTestClient staff = client(login(c.staffLoginId()));
        WebTestClient erp = client(secret);
        log.clear();

        staff.get().uri("/api/v1/companies/{id}", c.id()).exchange().expectStatus().isOk();
        erp.get().uri("/api/v1/companies/{id}", c.id()).exchange().expectStatus().isOk();

        List<String> onList = log.statements().stream().filter(sql -> sql.contains("company_ip_allowlist")).toList();
        assertThat(onList).hasSize(2);
        assertThat(onList).anyMatch(sql -> sql.contains("WHERE s.token_hash = "));
        assertThat(onList).anyMatch(sql -> sql.contains("WHERE s.secret_hash = "));

        allowlist(admin, List.of(Map.of("cidr", "192.0.2.0/24")), true).expectStatus().isOk();
        assertProblem(staff.get().uri("/api/v1/companies/{id}", c.id()).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/ip-not-allowed", 403);
        assertProblem(erp.get().uri("/api/v1/companies/{id}", c.id()).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/ip-not-allowed", 403);
    }

    private static WebTestClient.ResponseSpec allowlist(WebTestClient admin, List<Map<String, String>> entries, boolean confirm) {
        return admin.put().uri("/api/v1/company/ip-allowlist").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entries", entries, "confirmLockout", confirm)).exchange();
    }

    /** The statements on sessions, users, companies, roles, permissions and settings. */
    private static List<String> onAccounts(List<String> statements) {
        return statements.stream()
                .filter(sql -> sql.matches("(?s).*\\b(user_session|app_user|company|company_security_settings|user_role"
                        + "|company_role|user_permission)\\b.*"))
                .toList();
    }
}
