package jp.btob.platform.system.db;

import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import jp.btob.platform.system.PlatformProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The connection pool to the system of record, opened only after the schema is migrated. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseProperties properties, PlatformProperties platform) {
        return properties.external()
                ? new EmbeddedDatabaseHolder(null)
                : new EmbeddedDatabaseHolder(EmbeddedDatabase.start(platform.dataDir().resolve("postgres")));
    }

    @Bean
    DatabaseEndpoint databaseEndpoint(DatabaseProperties properties, EmbeddedDatabaseHolder embedded) {
        return embedded.database() != null ? embedded.database().endpoint() : DatabaseEndpoint.from(properties);
    }

    @Bean
    DatabaseMigrations databaseMigrations(DatabaseEndpoint endpoint) {
        return DatabaseMigrations.apply(endpoint);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(DatabaseEndpoint endpoint, DatabaseMigrations migrations,
                                     DatabaseProperties properties) {
        PostgresqlConnectionConfiguration.Builder configuration = PostgresqlConnectionConfiguration.builder()
                .host(endpoint.host())
                .port(endpoint.port())
                .database(endpoint.database())
                .username(endpoint.username())
                .applicationName("btob-platform");
        if (DatabaseProperties.hasText(endpoint.password())) {
            configuration.password(endpoint.password());
        }
        ConnectionFactory connections = new PostgresqlConnectionFactory(configuration.build());
        int maxSize = properties.poolSize() == null ? 20 : properties.poolSize();
        return new ConnectionPool(ConnectionPoolConfiguration.builder(connections)
                .name("btob")
                .initialSize(Math.min(2, maxSize))
                .maxSize(maxSize)
                .maxIdleTime(Duration.ofMinutes(10))
                .maxAcquireTime(Duration.ofSeconds(5))
                .maxCreateConnectionTime(Duration.ofSeconds(5))
                // A connection is checked on its way out of the pool by its socket, without a round
                // trip of its own before every statement; one the database closed (a restart, a
                // failover, an administrator) is dropped and the next taken, as many times as the
                // pool may hold connections, so that a pool cut whole answers with new ones.
                .validationDepth(ValidationDepth.LOCAL)
                .acquireRetry(maxSize)
                .build());
    }

    @Bean
    DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }

    @Bean
    ReactiveTransactionManager transactionManager(ConnectionFactory connectionFactory) {
        return new R2dbcTransactionManager(connectionFactory);
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    /** Holds the embedded database, if one was started, so that it is closed with the context. */
    record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements org.springframework.beans.factory.DisposableBean {
        @Override
        public void destroy() throws Exception {
            if (database != null) {
                database.close();
            }
        }
    }
}
