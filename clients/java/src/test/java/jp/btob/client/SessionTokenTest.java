package jp.btob.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;

class SessionTokenTest {

    @Test
    @DisplayName("[PLT-SDK] logout forgets only the token it ended, not one a later login set")
    void clearKeepsNewerToken() {
        SessionToken token = new SessionToken();
        token.setBearerToken("newer");

        token.clear("older");
        assertThat(token.getBearerToken()).isEqualTo("newer");

        token.clear("newer");
        assertThat(token.getBearerToken()).isNull();
    }

    @Test
    @DisplayName("[PLT-SDK] the bearer scheme adds one Authorization header, and none without a token")
    void appliesHeader() {
        SessionToken token = new SessionToken();
        HttpHeaders headers = new HttpHeaders();

        token.applyToParams(new LinkedMultiValueMap<>(), headers, new LinkedMultiValueMap<>());
        assertThat(headers.get(HttpHeaders.AUTHORIZATION)).isNull();

        token.setBearerToken("tok");
        token.applyToParams(new LinkedMultiValueMap<>(), headers, new LinkedMultiValueMap<>());
        token.applyToParams(new LinkedMultiValueMap<>(), headers, new LinkedMultiValueMap<>());
        assertThat(headers.get(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer tok");
    }
}
