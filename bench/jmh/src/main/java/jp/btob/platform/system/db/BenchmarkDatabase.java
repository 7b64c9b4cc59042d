package jp.btob.platform.system.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own for one benchmark run, on the PostgreSQL at {@code btob.bench.pg.host}
 * and {@code btob.bench.pg.port} (127.0.0.1:5432, user {@code postgres} by default), brought to
 * the current schema by the platform's own migrations, and dropped afterwards.
 */
public final class BenchmarkDatabase {

    private static final String HOST = System.getProperty("btob.bench.pg.host", "127.0.0.1");

    private static final int PORT = Integer.getInteger("btob.bench.pg.port", 5432);

    private static final String USER = System.getProperty("btob.bench.pg.user", "postgres");

    private static final String PASSWORD = System.getProperty("btob.bench.pg.password", "");

    private final DatabaseEndpoint endpoint;

    private BenchmarkDatabase(DatabaseEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public static BenchmarkDatabase create() {
        String name = "btob_bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException unreachable) {
            throw new IllegalStateException("SKIPPED: no PostgreSQL answers at " + HOST + ":" + PORT + " as " + USER
                    + " (set -Dbtob.bench.pg.host, .port, .user, .password); the benchmark needs one", unreachable);
        }
        DatabaseEndpoint endpoint = new DatabaseEndpoint(HOST, PORT, name, USER, PASSWORD, false);
        DatabaseMigrations.apply(endpoint);
        return new BenchmarkDatabase(endpoint);
    }

    public DatabaseEndpoint endpoint() {
        return endpoint;
    }

    public void drop() {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + endpoint.database() + " WITH (FORCE)");
        } catch (SQLException gone) {
            throw new IllegalStateException("Could not drop " + endpoint.database(), gone);
        }
    }

    private static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, PASSWORD);
    }
}
