package jp.btob.platform.ratelimit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class RouteGroupTests {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST, /api/v1/auth/login, AUTH",
            "POST, /api/v1/auth/mfa/verify, AUTH",
            "POST, /api/v1/operator/auth/login, AUTH",
            "POST, /api/v1/sso/saml/7d0b6c1e-2f1a-4c55-9a61-1f6f3e0c1a11/acs, AUTH",
            "GET, /api/v1/sso/oidc/callback, AUTH",
            "GET, /api/v1/sso/oidc/7d0b6c1e-2f1a-4c55-9a61-1f6f3e0c1a11/authorize, READ",
            "GET, /api/v1/sso/saml/7d0b6c1e-2f1a-4c55-9a61-1f6f3e0c1a11/login, READ",
            "GET, /api/v1/ssox, READ",
            "POST, /api/v1/admin/identity-providers, WRITE",
            "DELETE, /api/v1/me/sessions, WRITE",
            "GET, /api/v1/auth/login, READ",
            "GET, /api/v1/me, READ"
    })
    @DisplayName("[SEC-RATE] the login steps and the single sign-on steps that present a provider's answer (SAML assertion consumer, OIDC callback) share the strict auth limit; other changes and reads have theirs")
    void groupOfRequest(String method, String path, RouteGroup expected) {
        MockServerHttpRequest request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path).build();

        assertThat(RouteGroup.of(request)).isEqualTo(expected);
    }
}
