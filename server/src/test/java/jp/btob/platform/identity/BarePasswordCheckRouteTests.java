package jp.btob.platform.identity;

import java.util.Map;

import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecondInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** The load benchmark's bare password check: absent unless the profile {@code benchmark} is active. */
class BarePasswordCheckRouteTests extends IntegrationTest {

    private static final String LOGIN = "{\"loginId\":\"nobody\",\"password\":\"Wrong#Guess-2026\"}";

    @Autowired
    private ApplicationContext context;

    @MockitoSpyBean
    private PasswordHasher hasher;

    @Test
    @DisplayName("[SEC-RATE] without the benchmark profile the bare password check, which no rate limit guards, does not exist: the path answers 404 and hashes nothing")
    void offByDefault() {
        clearInvocations(hasher);

        client().post().uri(BarePasswordCheckRoute.PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(LOGIN)
                .exchange().expectStatus().isNotFound();

        assertThat(context.getBeansOfType(BarePasswordCheckRoute.class)).isEmpty();
        verify(hasher, never()).matches(any(), anyString());
    }

    @Test
    @DisplayName("[SEC-RATE] with the benchmark profile the bare password check answers 204 only when the server's own Argon2id hasher matched its password, the login keeps its filter chain, and another method is not the route")
    void answersAfterOneCheck() {
        try (SecondInstance benchmark = secondInstance(Map.of("spring.profiles.active", "benchmark"))) {
            WebTestClient anonymous = benchmark.client();
            PasswordHasher benchmarkHasher = benchmark.bean(PasswordHasher.class);
            String stored = benchmarkHasher.hash("probe").block();
            assertThat(stored).startsWith("$argon2id$");

            for (int i = 0; i < 3; i++) {
                anonymous.post().uri(BarePasswordCheckRoute.PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(LOGIN)
                        .exchange().expectStatus().isNoContent();
            }
            anonymous.get().uri(BarePasswordCheckRoute.PATH).exchange().expectStatus().isNotFound();
            anonymous.post().uri(SessionAuthenticationFilterFactory.LOGIN_PATH).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(LOGIN).exchange().expectStatus().isUnauthorized();
        }
    }
}
