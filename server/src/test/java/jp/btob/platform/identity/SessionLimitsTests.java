package jp.btob.platform.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecuritySettingsSteps;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idle timeout and absolute lifetime from each company's settings. The test clock runs on in
 * real time as well, so each limit is approached and passed with margins of 30 seconds.
 */
class SessionLimitsTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-IDLE] with the default 30-minute idle timeout a session used just before it is accepted, one unused past it refused with a 401 problem and ended")
    void idleWhenPastTimeoutThenRefusedAndEnded() {
        TestCompany c = fixtures.company("株式会社無操作");
        String token = login(c.staffLoginId());

        clock.advance(Duration.ofMinutes(30).minusSeconds(30));
        me(token).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(30).minusSeconds(30));
        me(token).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(30).plusSeconds(30));
        assertProblem(me(token).expectStatus().isUnauthorized().expectBody(), "/problems/unauthenticated", 401);

        assertThat(sql.rows("SELECT end_reason FROM user_session WHERE token_hash = ?", SessionTokens.hash(token)))
                .containsExactly(Map.of("end_reason", "IDLE"));
        clock.reset();
        me(token).expectStatus().isUnauthorized();
    }

    @Test
    @DisplayName("[SEC-IDLE] last_seen_at is written at most every 30 seconds: a request 10 s after the last write leaves it, one 40 s after moves it")
    void lastSeenWhenUsedOftenThenWrittenAtMostEvery30Seconds() {
        TestCompany c = fixtures.company("株式会社最終利用");
        String token = login(c.staffLoginId());
        Instant atLogin = lastSeen(token);

        clock.advance(Duration.ofSeconds(10));
        me(token).expectStatus().isOk();
        assertThat(lastSeen(token)).isEqualTo(atLogin);
        clock.advance(Duration.ofSeconds(30));
        me(token).expectStatus().isOk();
        assertThat(lastSeen(token)).isAfterOrEqualTo(atLogin.plusSeconds(40));
    }

    @Test
    @DisplayName("[SEC-IDLE] with the idle timeout off a session unused for 11 hours still works, within its absolute lifetime")
    void idleWhenTimeoutOffThenNoIdleLimit() {
        TestCompany c = fixtures.company("株式会社無操作無効");
        SecuritySettingsSteps.change(client(login(c.adminLoginId())),
                form -> SecuritySettingsSteps.set(form, "session.idleTimeoutEnabled", false));
        String token = login(c.staffLoginId());

        clock.advance(Duration.ofHours(11));
        me(token).expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-IDLE] the absolute lifetime is the company's (60 minutes here), capped by btob.session.lifetime (12 hours) for a company that asks more")
    void lifetimeWhenCompanySetsItThenSessionsEndThen() {
        TestCompany short_ = fixtures.company("株式会社短命");
        TestCompany long_ = fixtures.company("株式会社長命");
        SecuritySettingsSteps.change(client(login(short_.adminLoginId())), form -> {
            SecuritySettingsSteps.set(form, "session.idleTimeoutEnabled", false);
            SecuritySettingsSteps.set(form, "session.absoluteLifetimeMinutes", 60);
        });
        SecuritySettingsSteps.change(client(login(long_.adminLoginId())), form -> {
            SecuritySettingsSteps.set(form, "session.idleTimeoutEnabled", false);
            SecuritySettingsSteps.set(form, "session.absoluteLifetimeMinutes", 1440);
        });
        Instant before = clock.instant();
        Map<?, ?> shortSession = loginSession(short_.staffLoginId(), jp.btob.platform.demo.DemoData.PASSWORD);
        Map<?, ?> longSession = loginSession(long_.staffLoginId(), jp.btob.platform.demo.DemoData.PASSWORD);

        assertThat(expiresAt(shortSession)).isBetween(before.plus(Duration.ofMinutes(60)),
                clock.instant().plus(Duration.ofMinutes(60)));
        assertThat(expiresAt(longSession)).isBetween(before.plus(Duration.ofHours(12)), clock.instant().plus(Duration.ofHours(12)));

        String shortToken = (String) shortSession.get("token");
        String longToken = (String) longSession.get("token");
        clock.advance(Duration.ofMinutes(59));
        me(shortToken).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(2));
        me(shortToken).expectStatus().isUnauthorized();
        me(longToken).expectStatus().isOk();
        clock.advance(Duration.ofHours(11));
        me(longToken).expectStatus().isUnauthorized();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec me(String token) {
        return client(token).get().uri("/api/v1/me").exchange();
    }

    private Instant lastSeen(String token) {
        return ((java.sql.Timestamp) sql.rows("SELECT last_seen_at FROM user_session WHERE token_hash = ?",
                SessionTokens.hash(token)).get(0).get("last_seen_at")).toInstant();
    }

    private static Instant expiresAt(Map<?, ?> session) {
        return OffsetDateTime.parse((String) session.get("expiresAt")).toInstant();
    }
}
