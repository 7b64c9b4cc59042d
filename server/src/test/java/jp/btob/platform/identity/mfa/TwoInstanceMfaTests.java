package jp.btob.platform.identity.mfa;

import java.util.Map;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TwoInstanceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static jp.btob.platform.identity.mfa.EmailMfaTests.problem;
import static jp.btob.platform.identity.mfa.EmailMfaTests.sessionToken;
import static jp.btob.platform.identity.mfa.MfaSteps.awaitCode;
import static jp.btob.platform.identity.mfa.MfaSteps.mailCount;
import static jp.btob.platform.identity.mfa.MfaSteps.other;
import static jp.btob.platform.identity.mfa.MfaSteps.requireMfa;
import static jp.btob.platform.identity.mfa.MfaSteps.start;
import static jp.btob.platform.identity.mfa.MfaSteps.verify;
import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of the platform on one database: a challenge, its code and its attempts are the database's, not an instance's. */
class TwoInstanceMfaTests extends TwoInstanceTest {

    private static final String INVALID_CODE = "/problems/invalid-mfa-code";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[DR-HA] an e-mailed code used on instance A is refused on instance B, with the same problem as a wrong code")
    void codeUsedOnOneInstanceThenRefusedOnTheOther() {
        TestCompany c = fixtures.company("株式会社二台二要素");
        requireMfa(client(login(c.adminLoginId())));
        String address = c.staffLoginId() + "@test.example";
        int seen = mailCount(address);

        Map<String, Object> challenge = start(client(), c.staffLoginId(), DemoData.PASSWORD, null);
        String code = awaitCode(address, seen);
        String token = sessionToken(verify(client(), challenge.get("challengeId"), code).expectStatus().isOk());
        assertThat(token).isNotBlank();

        Map<String, Object> replayed = problem(verify(b.client(), challenge.get("challengeId"), code).expectStatus().isUnauthorized());
        assertThat(replayed).containsEntry("type", INVALID_CODE);
        assertThat(sql.count("SELECT count(*) FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.login_id = ?",
                c.staffLoginId())).isEqualTo(1);
    }

    @Test
    @DisplayName("[DR-HA] wrong codes on both instances count against one challenge: after five, the right code is refused on either")
    void attemptsOnBothInstancesThenOneCount() {
        TestCompany c = fixtures.company("株式会社二台試行");
        requireMfa(client(login(c.adminLoginId())));
        String address = c.staffLoginId() + "@test.example";
        int seen = mailCount(address);

        Map<String, Object> challenge = start(b.client(), c.staffLoginId(), DemoData.PASSWORD, null);
        Object id = challenge.get("challengeId");
        String code = awaitCode(address, seen);
        for (int attempt = 0; attempt < 5; attempt++) {
            problem(verify(attempt % 2 == 0 ? client() : b.client(), id, other(code)).expectStatus().isUnauthorized());
        }

        assertThat(problem(verify(client(), id, code).expectStatus().isUnauthorized())).containsEntry("type", INVALID_CODE);
        assertThat(problem(verify(b.client(), id, code).expectStatus().isUnauthorized())).containsEntry("type", INVALID_CODE);
        assertThat(sql.count("SELECT attempts FROM mfa_challenge WHERE user_id = (SELECT id FROM app_user WHERE login_id = ?)",
                c.staffLoginId())).isEqualTo(5);
    }
}
