package jp.btob.platform.system.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema up to date with Flyway before anything reads or writes. */
public final class DatabaseMigrations {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMigrations.class);

    private final String schemaVersion;

    private DatabaseMigrations(String schemaVersion) {
        this.schemaVersion = schemaVersion;
    }

    static DatabaseMigrations apply(DatabaseEndpoint endpoint) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(endpoint.jdbcUrl());
        dataSource.setUser(endpoint.username());
        if (DatabaseProperties.hasText(endpoint.password())) {
            dataSource.setPassword(endpoint.password());
        }
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        String version = flyway.info().current().getVersion().getVersion();
        log.info("Database {} is at schema version {} ({} migrations applied now)",
                endpoint, version, result.migrationsExecuted);
        return new DatabaseMigrations(version);
    }

    public String schemaVersion() {
        return schemaVersion;
    }
}
