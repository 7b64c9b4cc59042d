package jp.btob.platform.system;

import java.util.List;

import jp.btob.platform.identity.PasswordChangeGate;
import jp.btob.platform.permission.PermissionGate;
import jp.btob.platform.ratelimit.CallerRateLimitGate;
import jp.btob.platform.settings.ip.IpAllowlistGate;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.system.idempotency.IdempotencyFilter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

class WebFilterOrderTests extends IntegrationTest {

    @Autowired
    private List<SecurityWebFilterChain> chains;

    @Test
    @DisplayName("[SEC-RATE] the filters run in the declared order: firewall, per-address rate limit, authentication, IP allow-list, per-caller and per-company rate limit, authorization, permissions, idempotency keys")
    void filtersWhenChainBuiltThenDeclaredOrder() {
        assertThat(WebFilterOrder.FIREWALL.order()).isLessThan(WebFilterOrder.ADDRESS_RATE_LIMIT.order());
        assertThat(WebFilterOrder.ADDRESS_RATE_LIMIT.order()).isLessThan(WebFilterOrder.SECURITY.order());
        // The API's chain is the one with the gates; the management port's has none.
        List<WebFilter> filters = chains.stream()
                .map(chain -> chain.getWebFilters().collectList().block())
                .filter(list -> list.stream().anyMatch(IpAllowlistGate.class::isInstance))
                .findFirst().orElseThrow();

        int authentication = firstOf(filters, AuthenticationWebFilter.class);
        int allowlist = firstOf(filters, IpAllowlistGate.class);
        int rateLimit = firstOf(filters, CallerRateLimitGate.class);
        int passwordChange = firstOf(filters, PasswordChangeGate.class);
        int authorization = firstOf(filters, AuthorizationWebFilter.class);
        int permission = firstOf(filters, PermissionGate.class);
        int idempotency = firstOf(filters, IdempotencyFilter.class);

        assertThat(List.of(authentication, allowlist, rateLimit, passwordChange, authorization, permission, idempotency))
                .doesNotContain(-1).isSorted();
    }

    private static int firstOf(List<WebFilter> filters, Class<?> type) {
        for (int i = 0; i < filters.size(); i++) {
            if (type.isInstance(filters.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
