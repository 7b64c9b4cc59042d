package jp.btob.platform.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.workflow.WorkflowSteps.DELEGATIONS;
import static jp.btob.platform.workflow.WorkflowSteps.REQUESTS;
import static jp.btob.platform.workflow.WorkflowSteps.allOf;
import static jp.btob.platform.workflow.WorkflowSteps.anyOf;
import static jp.btob.platform.workflow.WorkflowSteps.approved;
import static jp.btob.platform.workflow.WorkflowSteps.decide;
import static jp.btob.platform.workflow.WorkflowSteps.defined;
import static jp.btob.platform.workflow.WorkflowSteps.delegate;
import static jp.btob.platform.workflow.WorkflowSteps.filed;
import static jp.btob.platform.workflow.WorkflowSteps.get;
import static jp.btob.platform.workflow.WorkflowSteps.ids;
import static jp.btob.platform.workflow.WorkflowSteps.inbox;
import static jp.btob.platform.workflow.WorkflowSteps.ok;
import static jp.btob.platform.workflow.WorkflowSteps.unprocessable;
import static org.assertj.core.api.Assertions.assertThat;

/** Delegation of approvals for a period: in force, expired, revoked, and what a delegate may never do. */
class WorkflowDelegationTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    private final WorkflowSteps steps = new WorkflowSteps(sql);

    /** A company with its administrator, an approver and the user the approver may delegate to. */
    private record Team(TestCompany company, WebTestClient admin, String manager, String deputy, String managerId,
                        String deputyId) {
    }

    private Team team(String name) {
        TestCompany company = fixtures.company(name);
        String manager = fixtures.user(company.id(), "STAFF");
        String deputy = fixtures.user(company.id(), "STAFF");
        return new Team(company, client(login(company.adminLoginId())), manager, deputy, steps.userId(manager),
                steps.userId(deputy));
    }

    @Test
    @DisplayName("[SVC-WF][SEC-TIME][OPS-AUDIT] while the delegation is in force the delegate sees the delegator's waiting request and approves it on their behalf, both recorded; once `until` passes by the clock the inbox drops it and the same decision is 403")
    void decideWhenDelegationExpiredThenForbidden() {
        Team team = team("代理期限株式会社");
        defined(team.admin(), "free-form", 0, null, List.of(anyOf(List.of(team.managerId()))));
        WebTestClient applicant = client(login(team.company().staffLoginId()));
        WebTestClient asDeputy = client(login(team.deputy()));
        Map<String, Object> first = filed(applicant, "出張旅費", 40_000);
        assertThat(inbox(asDeputy)).as("before any delegation").isEmpty();
        assertProblem(decide(asDeputy, first, "approve", team.managerId()).expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);

        Instant now = clock.instant();
        Map<String, Object> delegation = ok(delegate(client(login(team.manager())), team.deputyId(),
                now.minusSeconds(1),
                now.plus(Duration.ofDays(1))).expectStatus().isCreated());
        assertThat(delegation).containsEntry("status", "IN_FORCE").containsEntry("delegatorId", team.managerId())
                .containsEntry("delegateId", team.deputyId());
        assertThat(inbox(asDeputy)).containsExactly(first.get("id"));
        Map<String, Object> after = approved(asDeputy, first, team.managerId());
        assertThat(after).containsEntry("status", "APPROVED");
        Map<?, ?> decision = (Map<?, ?>) ((List<?>) after.get("decisions")).get(0);
        assertThat(List.of(decision.get("userId"), decision.get("onBehalfOf")))
                .containsExactly(team.deputyId(), team.managerId());
        assertThat(sql.rows("SELECT action, details->>'onBehalfOf' AS behalf FROM audit_event WHERE company_id = ?"
                + " AND action IN ('workflow.delegate', 'workflow.approve') ORDER BY seq", team.company().id()))
                .extracting(row -> row.get("action") + " " + row.get("behalf"))
                .containsExactly("workflow.delegate null", "workflow.approve " + team.managerId());

        Map<String, Object> second = filed(applicant, "宿泊費", 20_000);
        assertThat(inbox(asDeputy)).containsExactly(second.get("id"));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        WebTestClient deputyLater = client(login(team.deputy()));
        assertThat(inbox(deputyLater)).as("the delegation has ended").isEmpty();
        assertProblem(decide(deputyLater, second, "approve", team.managerId()).expectStatus().isForbidden()
                .expectBody(),
                "/problems/forbidden", 403);
        assertProblem(decide(deputyLater, second, "reject", team.managerId()).expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        assertThat(ids(get(deputyLater, DELEGATIONS + "?direction=received"))).containsExactly(delegation.get("id"));
        List<?> items = (List<?>) get(deputyLater, DELEGATIONS).get("items");
        assertThat(items.stream().<Object>map(item -> ((Map<?, ?>) item).get("status")).toList())
                .containsExactly("ENDED");
        assertThat(approved(client(login(team.manager())), second, null)).containsEntry("status", "APPROVED");
    }

    @Test
    @DisplayName("[SVC-WF][OPS-AUDIT] a delegation revoked by its delegator is kept, marked REVOKED, audited, and gives nothing from then on (403, empty inbox); only the delegator revokes (delegate 403, anyone else 404), once (409)")
    void decideWhenDelegationRevokedThenForbidden() {
        Team team = team("代理取消株式会社");
        String bystander = fixtures.user(team.company().id(), "STAFF");
        defined(team.admin(), "free-form", 0, null, List.of(anyOf(List.of(team.managerId()))));
        Map<String, Object> request = filed(client(login(team.company().staffLoginId())), "備品購入", 9_000);
        WebTestClient asManager = client(login(team.manager()));
        WebTestClient asDeputy = client(login(team.deputy()));
        Map<String, Object> delegation = ok(delegate(asManager, steps.userId(team.deputy()), null,
                clock.instant().plus(Duration.ofDays(7))).expectStatus().isCreated());
        assertThat(inbox(asDeputy)).containsExactly(request.get("id"));
        String uri = DELEGATIONS + "/" + delegation.get("id");

        assertProblem(asDeputy.delete().uri(uri).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        assertProblem(client(login(bystander)).delete().uri(uri).exchange().expectStatus().isNotFound().expectBody(),
                "/problems/not-found", 404);
        assertProblem(client(login(fixtures.company("余所の代理株式会社").adminLoginId())).delete().uri(uri).exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
        Map<String, Object> revoked = ok(asManager.delete().uri(uri).exchange().expectStatus().isOk());
        assertThat(revoked).containsEntry("status", "REVOKED").containsKey("revokedAt");
        assertProblem(asManager.delete().uri(uri).exchange().expectStatus().isEqualTo(409).expectBody(),
                "/problems/invalid-transition", 409);

        assertThat(inbox(asDeputy)).isEmpty();
        assertProblem(decide(asDeputy, request, "approve", team.managerId()).expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        assertThat(sql.count("SELECT count(*) FROM workflow_delegation WHERE id = ?::uuid AND revoked_at IS NOT NULL",
                delegation.get("id"))).isOne();
        assertThat(sql.rows("SELECT action FROM audit_event WHERE company_id = ? AND action LIKE 'workflow.delegat%'"
                + " ORDER BY seq", team.company().id())).extracting(row -> row.get("action"))
                .containsExactly("workflow.delegate", "workflow.delegation-revoke");
        assertThat(get(asManager, REQUESTS + "/" + request.get("id"))).containsEntry("version", 1);
    }

    @Test
    @DisplayName("[SVC-WF][PLT-TENANT][SEC-RBAC] a delegate must be another active user of the same company (422 delegateId), the period end after its start and now and last at most 90 days (422 until); a viewer cannot delegate (403); delegations are listed to their two users only")
    void createWhenDelegateOrPeriodWrongThenUnprocessable() {
        TestCompany company = fixtures.company("代理検証株式会社");
        String manager = fixtures.user(company.id(), "STAFF");
        String deputy = fixtures.user(company.id(), "STAFF");
        String disabled = fixtures.user(company.id(), "STAFF");
        fixtures.disableUser(disabled);
        String stranger = fixtures.user(fixtures.company("他社代理株式会社").id(), "STAFF");
        WebTestClient asManager = client(login(manager));
        Instant now = clock.instant();
        Instant week = now.plus(Duration.ofDays(7));

        for (String wrong : List.of(steps.userId(manager), steps.userId(stranger), steps.userId(disabled))) {
            unprocessable(delegate(asManager, wrong, null, week), "delegateId");
        }
        String deputyId = steps.userId(deputy);
        unprocessable(delegate(asManager, deputyId, week, now.plus(Duration.ofDays(6))), "until");
        unprocessable(delegate(asManager, deputyId, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1))),
                "until");
        unprocessable(delegate(asManager, deputyId, now, now.plus(Duration.ofDays(91))), "until");
        String viewer = fixtures.user(company.id(), "VIEWER");
        assertProblem(delegate(client(login(viewer)), deputyId, null, week).expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertThat(sql.count("SELECT count(*) FROM workflow_delegation WHERE company_id = ?", company.id())).isZero();

        Map<String, Object> later = ok(delegate(asManager, deputyId, now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(90))).expectStatus().isCreated());
        assertThat(later).containsEntry("status", "SCHEDULED");
        assertThat(ids(get(asManager, DELEGATIONS + "?direction=given"))).containsExactly(later.get("id"));
        assertThat(ids(get(asManager, DELEGATIONS + "?direction=received"))).isEmpty();
        assertThat(ids(get(client(login(deputy)), DELEGATIONS))).containsExactly(later.get("id"));
        assertThat(ids(get(client(login(company.staffLoginId())), DELEGATIONS))).isEmpty();
        assertThat(ids(get(client(login(fixtures.company("覗き見株式会社").adminLoginId())), DELEGATIONS))).isEmpty();
        assertProblem(asManager.get().uri(DELEGATIONS + "?direction=sideways").exchange().expectStatus()
                .isBadRequest().expectBody(), "/problems/validation", 400);
    }

    @Test
    @DisplayName("[SVC-WF] a delegate never decides their own request, nor one the delegator filed; a delegation does not chain: the delegate of a delegate gets 403 and no inbox entry")
    void decideWhenOwnRequestOrChainThenForbidden() {
        Team team = team("代理禁止株式会社");
        String third = fixtures.user(team.company().id(), "STAFF");
        defined(team.admin(), "free-form", 0, null, List.of(anyOf(List.of(team.managerId()))));
        Instant until = clock.instant().plus(Duration.ofDays(2));
        WebTestClient asManager = client(login(team.manager()));
        WebTestClient asDeputy = client(login(team.deputy()));
        delegate(asManager, team.deputyId(), null, until).expectStatus().isCreated();
        delegate(asDeputy, steps.userId(third), null, until).expectStatus().isCreated();

        Map<String, Object> own = filed(asDeputy, "自分の申請", 1_000);
        assertThat(inbox(asDeputy)).as("the delegate's own request").isEmpty();
        assertProblem(decide(asDeputy, own, "approve", team.managerId()).expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        Map<String, Object> delegators = filed(asManager, "委任者の申請", 2_000);
        assertProblem(decide(asDeputy, delegators, "approve", team.managerId()).expectStatus().isForbidden()
                .expectBody(),
                "/problems/forbidden", 403);

        Map<String, Object> other = filed(client(login(team.company().staffLoginId())), "通常の申請", 3_000);
        WebTestClient asThird = client(login(third));
        assertThat(inbox(asThird)).as("nothing reaches the delegate of a delegate").isEmpty();
        assertProblem(decide(asThird, other, "approve", team.managerId()).expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        assertProblem(decide(asThird, other, "approve", team.deputyId()).expectStatus().isForbidden().expectBody(),
                "/problems/forbidden", 403);
        assertThat(sql.count("SELECT count(*) FROM workflow_decision d JOIN workflow_request r ON r.id = d.request_id"
                + " WHERE r.company_id = ?", team.company().id())).isZero();
        assertThat(approved(asDeputy, other, team.managerId())).containsEntry("status", "APPROVED");
    }

    @Test
    @DisplayName("[SVC-WF] in an all step naming the delegate and the delegator, one person's decision counts once: the delegate approving for themselves cannot approve again for the delegator (409), and one who approved for the delegator cannot approve for themselves (409) nor the delegator for themselves (409)")
    void allStepWhenDelegateApprovesTwiceThenConflict() {
        Team team = team("四つの目株式会社");
        defined(team.admin(), "free-form", 0, null, List.of(allOf(List.of(team.managerId(), team.deputyId()))));
        WebTestClient asManager = client(login(team.manager()));
        WebTestClient asDeputy = client(login(team.deputy()));
        delegate(asManager, team.deputyId(), null, clock.instant().plus(Duration.ofDays(1))).expectStatus().isCreated();
        WebTestClient applicant = client(login(team.company().staffLoginId()));

        Map<String, Object> first = approved(asDeputy, filed(applicant, "一件目", 100), null);
        assertThat(first).containsEntry("status", "IN_PROGRESS").containsEntry("currentStep", 1);
        assertThat(inbox(asDeputy)).as("the team.deputy() decided; the team.manager()'s part is theirs alone now")
                .doesNotContain(first.get("id"));
        assertProblem(decide(asDeputy, first, "approve", team.managerId()).expectStatus().isEqualTo(409).expectBody(),
                "/problems/conflict", 409);
        assertThat(approved(asManager, first, null)).containsEntry("status", "APPROVED");

        Map<String, Object> second = approved(asDeputy, filed(applicant, "二件目", 200), team.managerId());
        assertThat(second).containsEntry("status", "IN_PROGRESS");
        assertProblem(decide(asDeputy, second, "approve", null).expectStatus().isEqualTo(409).expectBody(),
                "/problems/conflict", 409);
        assertProblem(decide(asManager, second, "approve", null).expectStatus().isEqualTo(409).expectBody(),
                "/problems/conflict", 409);
        assertThat((List<?>) get(team.admin(), REQUESTS + "/" + second.get("id")).get("decisions")).hasSize(1);
    }

    @Test
    @DisplayName("[SVC-WF][PLT-CONC] the delegator and their delegate approving an any step at once on one version: exactly one wins, the other answers 412 and leaves no decision")
    void anyStepWhenDelegatorAndDelegateApproveAtOnceThenOneWins() throws Exception {
        Team team = team("同時代理株式会社");
        defined(team.admin(), "free-form", 0, null, List.of(anyOf(List.of(team.managerId()))));
        WebTestClient asManager = client(login(team.manager()));
        WebTestClient asDeputy = client(login(team.deputy()));
        delegate(asManager, steps.userId(team.deputy()), null, clock.instant().plus(Duration.ofDays(1))).expectStatus()
                .isCreated();
        WebTestClient applicant = client(login(team.company().staffLoginId()));

        for (int round = 0; round < 3; round++) {
            Map<String, Object> request = filed(applicant, "同時" + round, 10);
            List<Integer> statuses = Concurrently.all(2, i -> (i == 0 ? decide(asManager, request, "approve", null)
                    : decide(asDeputy, request, "approve", team.managerId())).returnResult(String.class).getStatus()
                    .value());
            // The loser is refused either by the version it names (412) or, when its read of the
            // request straddled the winner's commit (the row before, the decisions after), by the
            // decision already taken for the same approver (409); never by a second decision.
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status != 200).singleElement().isIn(409, 412);
            Map<String, Object> after = get(team.admin(), REQUESTS + "/" + request.get("id"));
            assertThat(after).containsEntry("status", "APPROVED").containsEntry("version", 2);
            assertThat((List<?>) after.get("decisions")).hasSize(1);
        }
    }
}
