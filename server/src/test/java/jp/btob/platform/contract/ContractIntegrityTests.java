package jp.btob.platform.contract;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Contracts at rest and under load: encrypted bodies, verification of what was signed, concurrent agreements, keys, lists. */
class ContractIntegrityTests extends ContractTest {

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private FieldEncryption encryption;

    @Test
    @DisplayName("[SEC-ENC] a contract body is stored as ciphertext under the drafter's data key: the column holds none of the text, and both parties read it decrypted")
    void bodyWhenStoredThenCiphertext() {
        Trade trade = trade("契約暗号");
        String body = "第1条（秘密情報）甲乙は相手方の秘密情報を第三者に開示しない。";
        Map<String, Object> sent = inState(trade, "SENT", "暗号");
        Map<String, Object> revised = moved(trade.asBuyer(),
                moved(trade.asSeller(), sent, "request-changes", reason("本文を差し替え")), "revise", content("暗号", body));
        List<Map<String, Object>> rows = sql.rows("SELECT company_id, body FROM contract_revision WHERE contract_id = ?"
                + " ORDER BY revision", UUID.fromString((String) revised.get("id")));
        assertThat(rows).hasSize(2);
        byte[] stored = (byte[]) rows.get(1).get("body");
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("秘密情報", "第1条");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("秘密情報");
        assertThat(rows.get(1).get("company_id")).isEqualTo(trade.buyer().id());
        assertThat(current(getContract(trade.asSeller(), revised.get("id")))).containsEntry("body", body);
    }

    @Test
    @DisplayName("[SVC-CON][SEC-ENC] verification detects tampering: an agreed body replaced at rest by another text under the same key no longer hashes to what both signed; a flipped ciphertext byte no longer decrypts; both reported unverified")
    void verificationWhenBodyChangedAtRestThenFails() throws Exception {
        Trade trade = trade("契約改竄");
        Map<String, Object> agreed = inState(trade, "AGREED", "改竄");
        UUID id = UUID.fromString((String) agreed.get("id"));
        assertThat(verification(trade.asSeller(), id)).containsEntry("verified", true);
        Map<String, Object> revision = sql.rows("SELECT id, body FROM contract_revision WHERE contract_id = ?", id).get(0);
        UUID revisionId = (UUID) revision.get("id");
        byte[] original = (byte[]) revision.get("body");

        String forged = "第1条 改竄 - 金額は0円とする。";
        byte[] reencrypted = encryption.encrypt(trade.buyer().id(), ContractBodies.BODY.aad(revisionId),
                forged.getBytes(StandardCharsets.UTF_8)).block();
        sql.update("UPDATE contract_revision SET body = ? WHERE id = ?", reencrypted, revisionId);
        Map<String, Object> replaced = verification(trade.asBuyer(), id);
        assertThat(replaced).containsEntry("verified", false).containsEntry("sha256", sha256(forged))
                .containsEntry("revision", 1);
        assertThat(agreements(replaced)).extracting(a -> a.get("sha256")).containsOnly(sha256("第1条 改竄"));

        byte[] flipped = original.clone();
        flipped[flipped.length - 1] ^= 1;
        sql.update("UPDATE contract_revision SET body = ? WHERE id = ?", flipped, revisionId);
        Map<String, Object> broken = verification(trade.asSeller(), id);
        assertThat(broken).containsEntry("verified", false).doesNotContainKey("sha256");
        assertThat((String) broken.get("reason")).contains("no longer decrypts");

        sql.update("UPDATE contract_revision SET body = ? WHERE id = ?", original, revisionId);
        assertThat(verification(trade.asSeller(), id)).containsEntry("verified", true);
    }

    @Test
    @DisplayName("[SEC-ENC][SVC-CON] reading a contract whose stored body was altered answers 500 integrity-failure to either party, with none of the body; the read is audited on the reader's trail and alerts the operators; an outsider still gets 404; the restored body reads again")
    void readWhenBodyChangedAtRestThenIntegrityFailure() {
        Trade trade = trade("契約改竄読取");
        Map<String, Object> sent = inState(trade, "SENT", "改竄読取");
        UUID id = UUID.fromString((String) sent.get("id"));
        Map<String, Object> revision = sql.rows("SELECT id, body FROM contract_revision WHERE contract_id = ?", id).get(0);
        byte[] original = (byte[]) revision.get("body");
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 1;
        sql.update("UPDATE contract_revision SET body = ? WHERE id = ?", flipped, revision.get("id"));

        for (WebTestClient party : List.of(trade.asBuyer(), trade.asSeller())) {
            WebTestClient.BodyContentSpec problem = reading(party, id).expectStatus().isEqualTo(500).expectBody();
            assertProblem(problem, "/problems/integrity-failure", 500);
            String answer = new String(problem.returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
            assertThat(answer).contains("changed where it is stored").doesNotContain("第1条", "改竄読取", "Decryption",
                    "Exception");
            assertProblem(party.get().uri(CONTRACTS + "/{id}/revisions/1", id).exchange().expectStatus()
                    .isEqualTo(500).expectBody(), "/problems/integrity-failure", 500);
        }
        assertProblem(trade.asSeller().get().uri(CONTRACTS).exchange().expectStatus().isEqualTo(500).expectBody(),
                "/problems/integrity-failure", 500);
        reading(client(login(fixtures.company("契約改竄無関係株式会社").adminLoginId())), id).expectStatus()
                .isNotFound();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = "
                + "'contract.integrity-failure' AND target_id = ? AND outcome = 'FAILURE' AND actor_type = 'USER'",
                trade.seller().id(), id)).isEqualTo(3);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = "
                + "'contract.integrity-failure' AND target_id = ?", trade.buyer().id(), id)).isEqualTo(2);
        assertThat(sql.count("SELECT count(*) FROM alert WHERE chain = ? AND rule_key = "
                + "'platform:Contract changed at rest'", trade.seller().id())).isOne();

        sql.update("UPDATE contract_revision SET body = ? WHERE id = ?", original, revision.get("id"));
        assertThat(current(getContract(trade.asSeller(), id))).containsEntry("body", "第1条 改竄読取");
    }

    @Test
    @DisplayName("[PLT-CONC] 8 concurrent agreements of the counterparty to one version: exactly one wins (200), the others answer 412; one agreement recorded; the drafter's agreement then names the same hash")
    void agreeWhenConcurrentThenExactlyOneRecorded() throws Exception {
        Trade trade = trade("契約同時合意");
        Map<String, Object> sent = inState(trade, "SENT", "同時合意");
        int parallel = 8;
        List<EntityExchangeResult<byte[]>> answers = Concurrently.all(parallel, i -> move(trade.asSeller(),
                sent.get("id"), "agree", sent.get("version"), agreement(sent)).expectBody().returnResult());
        Map<Integer, Integer> statuses = new HashMap<>();
        answers.forEach(answer -> statuses.merge(answer.getStatus().value(), 1, Integer::sum));
        assertThat(statuses).isEqualTo(Map.of(200, 1, 412, parallel - 1));
        UUID id = UUID.fromString((String) sent.get("id"));
        assertThat(sql.count("SELECT count(*) FROM contract_agreement WHERE contract_id = ?", id)).isOne();

        Map<String, Object> half = getContract(trade.asBuyer(), id);
        List<EntityExchangeResult<byte[]>> finals = Concurrently.all(4, i -> move(i % 2 == 0 ? trade.asBuyer()
                        : trade.asSeller(), id, i % 2 == 0 ? "agree" : "cancel", half.get("version"),
                i % 2 == 0 ? agreement(half) : reason("取消")).expectBody().returnResult());
        assertThat(finals.stream().filter(answer -> answer.getStatus().value() == 200)).hasSize(1);
        Map<String, Object> after = getContract(trade.asSeller(), id);
        assertThat(after.get("status")).isIn("AGREED", "CANCELLED");
        assertThat(sql.count("SELECT count(*) FROM contract_agreement WHERE contract_id = ?", id))
                .isEqualTo(after.get("status").equals("AGREED") ? 2 : 1);
        assertThat(agreements(after)).extracting(a -> a.get("sha256")).containsOnly(current(after).get("sha256"));
    }

    @Test
    @DisplayName("[PLT-IDEM] drafting again with the same Idempotency-Key answers the first contract, replayed; another body with the key 422")
    void createWhenKeyReusedThenReplayed() {
        Trade trade = trade("契約冪等");
        assertIdempotent(trade.asBuyer(), CONTRACTS, draftFor(trade.seller().id(), "冪等", "本文"),
                draftFor(trade.seller().id(), "冪等（別）", "本文"));
        assertThat(listed(trade.asBuyer(), CONTRACTS, "limit=200")).hasSize(1);
    }

    @Test
    @DisplayName("[SVC-CON][PLT-PAGE] the list pages by cursor without gaps, filters by status and partner, and expiringWithinDays keeps the agreed contracts expiring from today to N days later")
    void listWhenFilteredThenOnlyMatching() {
        Trade trade = trade("契約一覧");
        Map<String, Object> soon = agreedExpiring(trade, "間近", 10);
        Map<String, Object> later = agreedExpiring(trade, "先", 100);
        Map<String, Object> sentSoon = inState(trade, "SENT", "未合意");
        assertThat(everyPage(trade.asSeller(), CONTRACTS)).containsExactly(soon.get("id"), later.get("id"),
                sentSoon.get("id"));
        assertThat(listed(trade.asSeller(), CONTRACTS, "expiringWithinDays=30")).containsExactly(soon.get("id"));
        assertThat(listed(trade.asBuyer(), CONTRACTS, "expiringWithinDays=100")).containsExactly(soon.get("id"),
                later.get("id"));
        assertThat(listed(trade.asBuyer(), CONTRACTS, "status=SENT")).containsExactly(sentSoon.get("id"));
        assertThat(listed(trade.asBuyer(), CONTRACTS, "partnerId=" + UUID.randomUUID())).isEmpty();
        assertThat(listed(trade.asBuyer(), CONTRACTS, "partnerId=" + trade.seller().id())).hasSize(3);
    }

    private Map<String, Object> agreedExpiring(Trade trade, String title, int days) {
        Map<String, Object> draft = draftFor(trade.seller().id(), title, "本文 " + title);
        draft.put("effectiveDate", today().minusDays(300).toString());
        draft.put("expiryDate", today().plusDays(days).toString());
        draft.remove("renewalDate");
        Map<String, Object> contract = drafting(trade.asBuyer(), draft).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        contract = moved(trade.asBuyer(), contract, "send", null);
        contract = moved(trade.asSeller(), contract, "agree", agreement(contract));
        return moved(trade.asBuyer(), contract, "agree", agreement(contract));
    }
}
