package jp.btob.platform.sso;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Registers identity providers through the administrators' API, as the single sign-on tests need them. */
public final class SsoSteps {

    public static final String PROVIDERS = "/api/v1/admin/identity-providers";

    public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private SsoSteps() {
    }

    /** An OpenID Connect provider's registration: {@code jitRole} null for no provisioning. */
    public static Map<String, Object> oidc(String issuer, String clientId, String clientSecret, String jitRole) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("issuer", issuer);
        settings.put("clientId", clientId);
        if (clientSecret != null) {
            settings.put("clientSecret", clientSecret);
        }
        settings.put("scopes", List.of("email", "profile"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "社内 IdP");
        body.put("kind", "OIDC");
        body.put("jitEnabled", jitRole != null);
        if (jitRole != null) {
            body.put("jitRole", jitRole);
        }
        body.put("oidc", settings);
        return body;
    }

    /** Registers the provider; answers it as created. */
    public static Map<String, Object> create(WebTestClient admin, Map<String, Object> body) {
        return admin.post().uri(PROVIDERS).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    public static void ssoOnly(WebTestClient admin, boolean ssoOnly) {
        admin.put().uri("/api/v1/admin/sso-options").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ssoOnly", ssoOnly)).exchange().expectStatus().isOk();
    }
}
