package jp.btob.platform.system.problem;

import java.util.List;
import java.util.Map;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Every error, the framework's own included, answers an RFC 9457 problem and leaks nothing. */
class ProblemResponsesTests extends IntegrationTest {

    @Test
    @DisplayName("[PLT-ERR] an unknown path answers a not-found problem")
    void unknownPathWhenAuthenticatedThenNotFoundProblem() {
        WebTestClient.BodyContentSpec body = client(login("buyer-staff")).get().uri("/api/v1/no-such-thing")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        assertProblem(body, "/problems/not-found", 404);
    }

    @Test
    @DisplayName("[PLT-ERR] a wrong method answers 405 with Allow and a problem")
    void wrongMethodThenMethodNotAllowedProblem() {
        WebTestClient.BodyContentSpec body = client(login("buyer-staff")).delete().uri("/api/v1/me")
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        assertProblem(body, "/problems/method-not-allowed", 405);
    }

    @Test
    @DisplayName("[PLT-ERR] a request that fails validation answers the same English 400 whatever Accept-Language asks for, without reading a message bundle on the event loop")
    void validationWhenOtherLanguageThenSameEnglishProblem() {
        for (String language : List.of("ko-KR,ko;q=0.9", "fr-FR", "ja-JP", "zh-Hant-TW")) {
            client().post().uri("/api/v1/auth/mfa/verify")
                    .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"code\":\"12\"}")
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("/problems/validation")
                    .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).matches("[ -~]+"));
        }
    }

    @Test
    @DisplayName("[PLT-ERR] malformed JSON answers a malformed-body problem without parser internals")
    void malformedJsonThenMalformedBodyProblem() {
        WebTestClient.BodyContentSpec body = client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"loginId\": \"buyer-admin\", \"password\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody();
        assertProblem(body, "/problems/malformed-body", 400);
        body.jsonPath("$.detail").value(detail -> assertThat((String) detail)
                .doesNotContain("tools.jackson", "Exception", "line:", "column:"));
    }

    @Test
    @DisplayName("[PLT-ERR] an unsupported media type answers 415 as a problem")
    void unsupportedMediaTypeThenProblem() {
        WebTestClient.BodyContentSpec body = client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("loginId=buyer-admin")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectBody();
        assertProblem(body, "/problems/unsupported-media-type", 415);
    }

    @Test
    @DisplayName("[PLT-ERR] validation names every invalid field in errors[]")
    void invalidBodyThenValidationProblemNamingEachField() {
        WebTestClient.BodyContentSpec body = client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "ab"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody();
        assertProblem(body, "/problems/validation", 400);
        body.jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("loginId")
                .jsonPath("$.errors[0].code").isEqualTo("too-short")
                .jsonPath("$.errors[1].field").isEqualTo("password")
                .jsonPath("$.errors[1].code").isEqualTo("required");
    }

    @Test
    @DisplayName("[PLT-ERR] an out-of-range query parameter names the parameter")
    void queryParameterOutOfRangeThenValidationProblem() {
        WebTestClient.BodyContentSpec body = client(login("buyer-staff")).get()
                .uri("/api/v1/companies/{id}/partners?limit=500", DemoData.BUYER.id())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody();
        assertProblem(body, "/problems/validation", 400);
        body.jsonPath("$.errors[0].field").isEqualTo("limit")
                .jsonPath("$.errors[0].code").isEqualTo("too-large");
    }

    @Test
    @DisplayName("[PLT-ERR] a path parameter of the wrong type names the parameter")
    void pathParameterOfWrongTypeThenValidationProblem() {
        WebTestClient.BodyContentSpec body = client(login("buyer-staff")).get()
                .uri("/api/v1/companies/not-a-uuid")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody();
        assertProblem(body, "/problems/validation", 400);
        body.jsonPath("$.errors[0].field").isEqualTo("companyId");
    }

    @Test
    @DisplayName("[PLT-ERR] no credentials answers 401 with WWW-Authenticate and a problem")
    void noCredentialsThenUnauthenticatedProblem() {
        WebTestClient.BodyContentSpec body = client().get().uri("/api/v1/me")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody();
        assertProblem(body, "/problems/unauthenticated", 401);
    }

    @Test
    @DisplayName("[PLT-ERR] a forbidden action answers 403 as a problem")
    void staffInvitingPartnerThenForbiddenProblem() {
        WebTestClient.BodyContentSpec body = client(login("buyer-staff")).post()
                .uri("/api/v1/companies/{id}/partners", DemoData.BUYER.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partnerCode", "ZZZZ-9999"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody();
        assertProblem(body, "/problems/permission-denied", 403);
    }

    @Test
    @DisplayName("[PLT-ERR] the derived API document is hidden; Swagger UI serves the spec files")
    void derivedApiDocumentThenNotFoundProblem() {
        WebTestClient.BodyContentSpec body = client().get().uri("/v3/api-docs")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody();
        assertProblem(body, "/problems/not-found", 404);
    }
}
