package jp.btob.platform.system.db;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.r2dbc.UncategorizedR2dbcException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the database out of reach (503, retry) and which are the request's own (500, 4xx). */
class DatabaseOutageTests {

    @Test
    @DisplayName("[DR-HA] a connection closed or refused, a server shutting down or full, and a pool with no free connection are outages, also wrapped by Spring")
    void causesWhenUnreachableThenTrue() {
        assertThat(DatabaseOutage.causes(new R2dbcNonTransientResourceException("closed", "08006"))).isTrue();
        assertThat(DatabaseOutage.causes(new R2dbcNonTransientResourceException("refused", "08001"))).isTrue();
        assertThat(DatabaseOutage.causes(new R2dbcNonTransientResourceException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseOutage.causes(new R2dbcNonTransientResourceException("crash shutdown", "57P02"))).isTrue();
        assertThat(DatabaseOutage.causes(new R2dbcNonTransientResourceException("starting up", "57P03"))).isTrue();
        assertThat(DatabaseOutage.causes(new R2dbcNonTransientResourceException("too many clients", "53300"))).isTrue();
        assertThat(DatabaseOutage.causes(new R2dbcTimeoutException("Connection acquisition timed out after 5000ms"))).isTrue();
        assertThat(DatabaseOutage.causes(new CannotCreateTransactionException("begin",
                new R2dbcNonTransientResourceException("closed", "08006")))).isTrue();
        assertThat(DatabaseOutage.causes(new DataAccessResourceFailureException("executeMany",
                new R2dbcNonTransientResourceException("terminating connection", "57P01")))).isTrue();
    }

    @Test
    @DisplayName("[DR-HA] a trigger's RAISE, which the driver files as a resource exception, a bad statement, a constraint, a query cancelled and anything else are no outage")
    void causesWhenRequestFailedThenFalse() {
        assertThat(DatabaseOutage.causes(new R2dbcNonTransientResourceException("refused by the test", "P0001"))).isFalse();
        assertThat(DatabaseOutage.causes(new UncategorizedR2dbcException("insert", "INSERT",
                new R2dbcNonTransientResourceException("refused by the test", "P0001")))).isFalse();
        assertThat(DatabaseOutage.causes(new R2dbcNonTransientResourceException("canceling statement", "57014"))).isFalse();
        assertThat(DatabaseOutage.causes(new R2dbcBadGrammarException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseOutage.causes(new R2dbcDataIntegrityViolationException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseOutage.causes(new IllegalStateException("no"))).isFalse();
        assertThat(DatabaseOutage.causes(null)).isFalse();
    }
}
