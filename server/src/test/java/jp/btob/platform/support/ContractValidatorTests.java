package jp.btob.platform.support;

import java.util.List;

import jp.btob.platform.support.ContractValidator.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract check is live: a real exchange passes it, and the same exchange with its
 * response bent away from the spec is caught.
 */
class ContractValidatorTests extends IntegrationTest {

    private Exchange me;

    @BeforeEach
    void captureRealExchange() {
        EntityExchangeResult<byte[]> result = client(login("buyer-staff")).get().uri("/api/v1/me")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .returnResult();
        me = Exchange.of(result.getMethod().name(), result.getUrl(), result.getRequestHeaders(),
                result.getRequestBodyContent(), result.getStatus().value(), result.getResponseHeaders(),
                result.getResponseBodyContent());
    }

    @Test
    @DisplayName("[PLT-CONTRACT] a real exchange matches the spec")
    void realExchangeThenNoProblems() {
        assertThat(ContractValidator.instance().validate(me)).isEmpty();
    }

    @Test
    @DisplayName("[PLT-CONTRACT] a response missing a required field is caught")
    void responseMissingRequiredFieldThenCaught() {
        String withoutLoginId = new String(me.responseBody()).replaceFirst("\"loginId\":\"[^\"]*\",", "");
        List<String> problems = ContractValidator.instance().validate(me.withResponseBody(withoutLoginId));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("loginId"));
    }

    @Test
    @DisplayName("[PLT-CONTRACT] a response with a value outside its enum is caught")
    void responseWithUnknownEnumValueThenCaught() {
        String superuser = new String(me.responseBody()).replaceFirst("\"key\":\"staff\"", "\"key\":\"superuser\"");
        assertThat(superuser).contains("superuser");
        assertThat(ContractValidator.instance().validate(me.withResponseBody(superuser))).isNotEmpty();
    }

    @Test
    @DisplayName("[PLT-CONTRACT] a status the spec does not document is caught")
    void undocumentedStatusThenCaught() {
        assertThat(ContractValidator.instance().validate(me.withStatus(418))).isNotEmpty();
    }

    @Test
    @DisplayName("[PLT-CONTRACT] an exchange on a path no spec documents is left alone")
    void undocumentedPathThenNothingToCheck() {
        Exchange elsewhere = new Exchange("GET", java.net.URI.create(baseUrl() + "/actuator/health"),
                me.requestHeaders(), null, 200, me.responseHeaders(), "{\"status\":\"UP\"}".getBytes());
        assertThat(ContractValidator.instance().validate(elsewhere)).isEmpty();
    }
}
