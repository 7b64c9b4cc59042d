package jp.btob.platform.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Partner connections made through the API, for tests that need one as a starting point. */
public final class PartnerSteps {

    private PartnerSteps() {
    }

    /** Invites the company with this code; answers the new connection's ID. */
    public static String invite(WebTestClient client, UUID companyId, String partnerCode, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("partnerCode", partnerCode);
        if (message != null) {
            body.put("message", message);
        }
        Map<?, ?> created = client.post().uri("/api/v1/companies/{id}/partners", companyId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("id");
    }

    /** Accepts an invitation as the invited company; the connection is then ACTIVE. */
    public static void accept(WebTestClient client, UUID companyId, String connectionId) {
        client.post().uri("/api/v1/companies/{id}/partners/{c}/accept", companyId, connectionId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
    }
}
