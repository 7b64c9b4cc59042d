package jp.btob.platform.system.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that the platform starts for itself when none is configured, so that one
 * command runs everything on a fresh machine. Its data directory survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private final DatabaseEndpoint endpoint;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.endpoint = new DatabaseEndpoint("localhost", postgres.getPort(), "postgres", "postgres", null, true);
    }

    static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            boolean existing = Files.exists(dataDirectory.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            log.info("Started the embedded PostgreSQL on port {} with {} data in {}",
                    postgres.getPort(), existing ? "its" : "new", dataDirectory);
            return new EmbeddedDatabase(postgres);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, ex);
        }
    }

    DatabaseEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
