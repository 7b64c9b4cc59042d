package jp.btob.platform.system.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyPropertiesTests {

    @Test
    @DisplayName("[PLT-IDEM] keys are kept 24 hours unless told longer; less stops the server naming the setting, as does a wait over 30 seconds")
    void propertiesWhenBelowFloorThenRefusedNamingSetting() {
        IdempotencyProperties defaults = new IdempotencyProperties(null, null, null);
        assertThat(defaults.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.retryWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(new IdempotencyProperties(Duration.ofDays(7), Duration.ZERO, Duration.ZERO).retention())
                .isEqualTo(Duration.ofDays(7));

        assertThatThrownBy(() -> new IdempotencyProperties(Duration.ofHours(23), null, null))
                .hasMessageContaining("BTOB_IDEMPOTENCY_RETENTION");
        assertThatThrownBy(() -> new IdempotencyProperties(null, Duration.ofSeconds(31), null))
                .hasMessageContaining("BTOB_IDEMPOTENCY_RETRY_WAIT");
        assertThatThrownBy(() -> new IdempotencyProperties(null, null, Duration.ofMinutes(-1)))
                .hasMessageContaining("BTOB_IDEMPOTENCY_PURGE_INTERVAL");
    }
}
