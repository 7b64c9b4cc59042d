package jp.btob.platform.system.db;

import java.util.Set;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;

/**
 * Tells a failure of the database's availability from a failure of the request: a connection
 * closed or refused (a restart, a failover, an administrator ending sessions), no connection
 * free within the pool's wait, or a server that is shutting down or full. Such a request may be
 * sent again: the database rolls back a transaction cut before its commit, and a write cut during
 * its very commit is sent again under its Idempotency-Key, whose claim a 5xx gives up.
 */
public final class DatabaseOutage {

    /**
     * PostgreSQL's codes for a server that ends or refuses sessions: administrator or crash
     * shutdown, cannot connect now, too many connections; with class 08, the connection exceptions,
     * which the driver also gives a connection it found closed.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    /**
     * Whether the failure, or any of its causes, is the database being unreachable. Judged by the
     * SQL state where there is one: the driver files every state it does not know (a trigger's
     * {@code RAISE}, say) under a resource exception too, so the class alone says nothing.
     */
    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && unreachable(r2dbc)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(R2dbcException failure) {
        String state = failure.getSqlState();
        if (state == null) {
            // Raised here, not by the server: the pool's wait ran out, or the connection is gone.
            return failure instanceof R2dbcTimeoutException || failure instanceof R2dbcNonTransientResourceException
                    || failure instanceof R2dbcTransientResourceException;
        }
        return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
    }
}
