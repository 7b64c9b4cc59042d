package jp.btob.platform.support;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BlockHound guards every test of this suite: a blocking call on a non-blocking thread fails. */
class BlockHoundTests {

    @Test
    @DisplayName("[OPS-MON] BlockHound is installed: sleeping on a non-blocking thread fails")
    void blockingCallOnParallelSchedulerThenError() {
        Mono<Void> sleeping = Mono.<Void>fromRunnable(() -> {
            try {
                Thread.sleep(1);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }).subscribeOn(Schedulers.parallel());
        assertThatThrownBy(() -> sleeping.block(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(BlockingOperationError.class)
                .satisfiesAnyOf(
                        error -> org.assertj.core.api.Assertions.assertThat(error).isInstanceOf(BlockingOperationError.class),
                        error -> org.assertj.core.api.Assertions.assertThat(error.getCause()).isInstanceOf(BlockingOperationError.class));
    }
}
