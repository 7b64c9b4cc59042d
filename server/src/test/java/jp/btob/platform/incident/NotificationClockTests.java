package jp.btob.platform.incident;

import java.time.Duration;
import java.time.Instant;

import jp.btob.platform.api.model.NotificationPromise;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationClockTests {

    private static final Instant DETECTED = Instant.parse("2026-11-24T22:10:00Z");

    @Test
    @DisplayName("[OPS-INC] the deadline is the first detection plus 24 hours")
    void deadlineIsDetectionPlus24Hours() {
        assertThat(NotificationClock.deadline(DETECTED)).isEqualTo(Instant.parse("2026-11-25T22:10:00Z"));
    }

    @Test
    @DisplayName("[OPS-INC] a notice published at the deadline itself keeps the promise; a microsecond later misses it")
    void judgeAtTheBoundary() {
        Instant deadline = NotificationClock.deadline(DETECTED);
        assertThat(NotificationClock.judge(DETECTED, deadline)).isEqualTo(NotificationPromise.KEPT);
        assertThat(NotificationClock.judge(deadline, deadline)).isEqualTo(NotificationPromise.KEPT);
        assertThat(NotificationClock.judge(deadline.plusNanos(1_000), deadline)).isEqualTo(NotificationPromise.MISSED);
        assertThat(NotificationClock.judge(deadline.plus(Duration.ofHours(6)), deadline)).isEqualTo(NotificationPromise.MISSED);
    }
}
