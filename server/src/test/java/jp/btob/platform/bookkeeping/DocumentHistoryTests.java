package jp.btob.platform.bookkeeping;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The versions of trade documents: append-only, hash-chained, and verified on every read of the history. */
class DocumentHistoryTests extends TradeTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-BOOK] a version changed in the database by its owner, past the guard, breaks the chain: the history answers verified false naming that version")
    void historyWhenVersionTamperedThenBrokenAtIt() {
        Trade trade = trade("帳簿改竄");
        Map<String, Object> quote = withdrawn(trade);
        assertThat(history(trade.asBuyer(), quote.get("id"))).containsEntry("verified", true);

        int changed = sql.withTriggerOff("document_version", "document_version_append_only",
                "UPDATE document_version SET content = replace(content, '\"8882\"', '\"888\"')"
                        + " WHERE document_id = ? AND version = 2", UUID.fromString((String) quote.get("id")));

        assertThat(changed).isOne();
        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            Map<String, Object> history = history(party, quote.get("id"));
            assertThat(history).containsEntry("verified", false).containsEntry("brokenAtVersion", 2);
        }
    }

    @Test
    @DisplayName("[SVC-BOOK] versions cannot be changed or removed in SQL on the application's connection: UPDATE, DELETE and TRUNCATE are refused, a withdrawal is a version of its own")
    void versionsWhenChangedInSqlThenRefused() {
        Trade trade = trade("帳簿保護");
        Map<String, Object> quote = withdrawn(trade);
        UUID id = UUID.fromString((String) quote.get("id"));

        assertThatThrownBy(() -> sql.update("UPDATE document_version SET reason = 'x' WHERE document_id = ?", id))
                .hasStackTraceContaining("UPDATE on document_version is refused");
        assertThatThrownBy(() -> sql.update("DELETE FROM document_version WHERE document_id = ?", id))
                .hasStackTraceContaining("DELETE on document_version is refused");
        assertThatThrownBy(() -> sql.update("TRUNCATE document_version"))
                .hasStackTraceContaining("TRUNCATE on document_version is refused");
        List<?> versions = (List<?>) history(trade.asSeller(), id).get("versions");
        assertThat(versions.stream().map(version -> String.valueOf(((Map<?, ?>) version).get("reason"))).toList())
                .containsExactly("SENT", "WITHDRAWN: 条件変更のため");
    }

    @Test
    @DisplayName("[SVC-BOOK] the history of a quote needs quote:read besides document:read: with document:read alone 403 permission-denied; an unknown document type 404")
    void historyWhenNoQuoteReadThenDenied() {
        Trade trade = trade("帳簿権限");
        Map<String, Object> quote = withdrawn(trade);
        WebTestClient asClerk = client(login(fixtures.userWith(trade.buyer().id(), List.of("document:read"), List.of())));

        assertProblem(asClerk.get().uri("/api/v1/documents/quote/{id}/history", quote.get("id")).exchange()
                .expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertProblem(trade.asBuyer().get().uri("/api/v1/documents/contract/{id}/history", quote.get("id")).exchange()
                .expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }

    private Map<String, Object> withdrawn(Trade trade) {
        Map<String, Object> sent = done(trade.asSeller(), draft(trade, "帳簿の見積"), "send", null);
        return done(trade.asSeller(), sent, "withdraw", reason("条件変更のため"));
    }

    private static Map<String, Object> history(WebTestClient client, Object quoteId) {
        return client.get().uri("/api/v1/documents/quote/{id}/history", quoteId).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }
}
