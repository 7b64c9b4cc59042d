package jp.btob.platform.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.support.TradeTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tests of contracts between two connected companies. The trade's buyer drafts (party A, its
 * side {@code buyer}); the seller is the counterparty (party B).
 */
abstract class ContractTest extends TradeTest {

    protected static final String CONTRACTS = "/api/v1/contracts";

    /** A contract's wording and terms; {@code body} its text. */
    protected Map<String, Object> content(String title, String body) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("title", title);
        content.put("contractType", "nda");
        content.put("amount", 1_200_000);
        content.put("effectiveDate", today().toString());
        content.put("expiryDate", today().plusDays(365).toString());
        content.put("renewalDate", today().plusDays(335).toString());
        content.put("autoRenew", true);
        content.put("body", body);
        return content;
    }

    protected Map<String, Object> draftFor(Object counterpartyId, String title, String body) {
        Map<String, Object> draft = new LinkedHashMap<>(content(title, body));
        draft.put("counterpartyId", counterpartyId.toString());
        draft.put("drafterSide", "buyer");
        return draft;
    }

    protected static WebTestClient.ResponseSpec drafting(WebTestClient client, Map<String, Object> body) {
        return client.post().uri(CONTRACTS).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** The trade's buyer drafts a contract with its seller; answers the draft. */
    protected Map<String, Object> draft(Trade trade, String title, String body) {
        return drafting(trade.asBuyer(), draftFor(trade.seller().id(), title, body)).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** Takes an action at the version given (no If-Match when null), with the body given (none when null). */
    protected static WebTestClient.ResponseSpec move(WebTestClient client, Object id, String action, Object version,
                                                     Object body) {
        WebTestClient.RequestBodySpec request = action.equals("revise")
                ? client.put().uri(CONTRACTS + "/{id}/content", id)
                : client.post().uri(CONTRACTS + "/{id}/{action}", id, action);
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return request.exchange();
    }

    /** Takes an action that must succeed at the contract's version; answers the contract after it. */
    protected static Map<String, Object> moved(WebTestClient client, Map<String, Object> contract, String action,
                                               Object body) {
        return move(client, contract.get("id"), action, contract.get("version"), body).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    /** An agreement to the contract's current revision. */
    protected static Map<String, Object> agreement(Map<String, Object> contract) {
        return Map.of("revision", current(contract).get("revision"));
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> current(Map<String, Object> contract) {
        return (Map<String, Object>) contract.get("current");
    }

    /** A party the contract names, {@code partyA} or {@code partyB}. */
    @SuppressWarnings("unchecked")
    protected static Map<String, Object> party(Map<String, Object> contract, String name) {
        return (Map<String, Object>) contract.get(name);
    }

    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> agreements(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("agreements");
    }

    protected static WebTestClient.ResponseSpec reading(WebTestClient client, Object id) {
        return client.get().uri(CONTRACTS + "/{id}", id).exchange();
    }

    protected static Map<String, Object> getContract(WebTestClient client, Object id) {
        return reading(client, id).expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    protected static Map<String, Object> verification(WebTestClient client, Object id) {
        return client.get().uri(CONTRACTS + "/{id}/verification", id).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    protected static WebTestClient.ResponseSpec history(WebTestClient client, Object id) {
        return client.get().uri("/api/v1/documents/contract/{id}/history", id).exchange();
    }

    /** The reasons of a contract's versions, oldest first. */
    protected static List<String> reasons(Map<String, Object> history) {
        return ((List<?>) history.get("versions")).stream()
                .map(version -> String.valueOf(((Map<?, ?>) version).get("reason"))).toList();
    }

    protected static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The contract taken to {@code state} through the API: drafted, sent, changes requested, agreed, cancelled. */
    protected Map<String, Object> inState(Trade trade, String state, String title) {
        Map<String, Object> contract = draft(trade, title, "第1条 " + title);
        if (state.equals("DRAFT")) {
            return contract;
        }
        contract = moved(trade.asBuyer(), contract, "send", null);
        return switch (state) {
            case "SENT" -> contract;
            case "CANCELLED" -> moved(trade.asBuyer(), contract, "cancel", reason("取消"));
            case "CHANGES_REQUESTED" -> moved(trade.asSeller(), contract, "request-changes", reason("修正依頼"));
            case "AGREED_BY_COUNTERPARTY" -> moved(trade.asSeller(), contract, "agree", agreement(contract));
            case "AGREED" -> {
                Map<String, Object> half = moved(trade.asSeller(), contract, "agree", agreement(contract));
                yield moved(trade.asBuyer(), half, "agree", agreement(half));
            }
            default -> throw new IllegalArgumentException(state);
        };
    }
}
