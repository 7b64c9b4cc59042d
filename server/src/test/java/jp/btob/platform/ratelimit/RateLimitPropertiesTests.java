package jp.btob.platform.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitPropertiesTests {

    @Test
    @DisplayName("[SEC-RATE] the defaults: the login steps 10 a minute per address and nothing per caller; reads and writes per address, caller and company")
    void defaultsWhenNothingSetThenStrictLogin() {
        RateLimitProperties defaults = new RateLimitProperties(null, null, null, null, null, null, null, null);

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.limit(RouteGroup.AUTH, KeyKind.ADDRESS)).isEqualTo(new Limit(10, Duration.ofMinutes(1)));
        assertThat(defaults.limit(RouteGroup.AUTH, KeyKind.CALLER)).isNull();
        assertThat(defaults.limit(RouteGroup.READ, KeyKind.COMPANY)).isEqualTo(new Limit(6000, Duration.ofMinutes(1)));
        assertThat(defaults.redisUrl()).isEmpty();
    }

    @Test
    @DisplayName("[SEC-RATE] a wrong limit or Redis setting stops start-up with a message naming the setting")
    void settingsWhenWrongThenRefusedNamingThem() {
        assertThatThrownBy(() -> new RateLimitProperties(true, new RateLimitProperties.Group("ten a minute", null, null),
                null, null, null, null, null, null)).hasMessageContaining("btob.rate-limit.auth.address");
        assertThatThrownBy(() -> new RateLimitProperties(true, null, new RateLimitProperties.Group("1/1m", "0/1m", null),
                null, null, null, null, null)).hasMessageContaining("btob.rate-limit.write.caller");
        assertThatThrownBy(() -> new RateLimitProperties(true, null, null, new RateLimitProperties.Group("1/2d", null, null),
                null, null, null, null)).hasMessageContaining("btob.rate-limit.read.address");
        assertThatThrownBy(() -> new RateLimitProperties(true, null, null, null, "http://cache:6379", null, null, null))
                .hasMessageContaining("btob.rate-limit.redis-url");
        assertThatThrownBy(() -> new RateLimitProperties(true, null, null, null, null, null, Duration.ZERO, null))
                .hasMessageContaining("btob.rate-limit.redis-timeout");
    }

    @Test
    @DisplayName("[SEC-RATE] route groups: the login steps of both realms are auth, other changes write, the rest read")
    void routeGroupWhenRequestThenGroup() {
        assertThat(RouteGroup.of(MockServerHttpRequest.post("/api/v1/auth/login").build())).isEqualTo(RouteGroup.AUTH);
        assertThat(RouteGroup.of(MockServerHttpRequest.post("/api/v1/auth/mfa/verify").build())).isEqualTo(RouteGroup.AUTH);
        assertThat(RouteGroup.of(MockServerHttpRequest.post("/api/v1/operator/auth/login").build())).isEqualTo(RouteGroup.AUTH);
        assertThat(RouteGroup.of(MockServerHttpRequest.post("/api/v1/auth/logout").build())).isEqualTo(RouteGroup.WRITE);
        assertThat(RouteGroup.of(MockServerHttpRequest.delete("/api/v1/admin/api-clients/x").build())).isEqualTo(RouteGroup.WRITE);
        assertThat(RouteGroup.of(MockServerHttpRequest.get("/api/v1/auth/login").build())).isEqualTo(RouteGroup.READ);
    }

    @Test
    @DisplayName("[SEC-RATE] the tightest answer: a refusal over any allowance, else the fewest left, else the later reset")
    void tighterWhenComparedThenRefusalThenFewestLeft() {
        Decision roomy = new Decision(true, 10, 8, 30, 0);
        Decision tight = new Decision(true, 4, 1, 10, 0);
        Decision refused = new Decision(false, 100, 0, 5, 5);

        assertThat(roomy.tighter(tight)).isEqualTo(tight);
        assertThat(tight.tighter(roomy)).isEqualTo(tight);
        assertThat(tight.tighter(refused)).isEqualTo(refused);
        assertThat(refused.tighter(null)).isEqualTo(refused);
        assertThat(new Decision(true, 4, 1, 50, 0).tighter(tight).resetSeconds()).isEqualTo(50);
    }
}
