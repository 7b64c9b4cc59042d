package jp.btob.platform.identity.mfa;

import java.util.Map;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static jp.btob.platform.identity.mfa.MfaSteps.awaitCode;
import static jp.btob.platform.identity.mfa.MfaSteps.mailCount;
import static jp.btob.platform.identity.mfa.MfaSteps.start;
import static jp.btob.platform.identity.mfa.MfaSteps.verify;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;

/** A second-factor challenge issued before the company's suspension opens no session after it. */
class SuspendedCompanyMfaTests extends IntegrationTest {

    @Test
    @DisplayName("[SEC-RBAC] [SEC-MFA] a challenge answered after an operator suspended the company: the right code gets 403 company-suspended, no session")
    void verifyWhenCompanySuspendedMeanwhileThenRefused() {
        TestCompany company = fixtures.company("株式会社停止前の二要素");
        MfaSteps.requireMfa(client(login(company.adminLoginId())));
        String user = company.staffLoginId();
        String address = user + "@test.example";
        int seen = mailCount(address);
        Map<String, Object> challenge = start(client(), user, DemoData.PASSWORD, null);
        String code = awaitCode(address, seen);

        client(operatorLogin(DemoData.OPERATOR.loginId())).post()
                .uri("/api/v1/operator/companies/" + company.id() + "/suspend")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "二要素の途中で停止"))
                .exchange().expectStatus().isOk();

        assertProblem(verify(client(), challenge.get("challengeId"), code).expectStatus().isForbidden().expectBody(),
                "/problems/company-suspended", 403);
    }
}
