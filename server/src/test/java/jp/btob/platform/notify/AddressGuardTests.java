package jp.btob.platform.notify;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard without the tests' allowance for localhost: names are judged by what they resolve to. */
class AddressGuardTests {

    @Test
    @DisplayName("[PLT-HOOK] a host name that resolves to loopback (localhost) is refused like the loopback address itself, unless the platform names it a private host")
    void checkWhenNameResolvesToLoopbackThenRefused() {
        AddressGuard guard = new AddressGuard(List.of());
        for (String url : List.of("https://localhost/hook", "https://LOCALHOST:8443/hook", "https://127.0.0.1/hook")) {
            assertThatThrownBy(() -> guard.check(url).block()).as(url)
                    .isInstanceOf(AddressGuard.RefusedUrlException.class)
                    .hasMessageContaining("loopback");
        }
        new AddressGuard(List.of("localhost")).check("https://localhost/hook").block();
    }
}
