package jp.btob.platform.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of its own for each test run, on the PostgreSQL at 127.0.0.1:5432, so that two
 * runs never collide. It is dropped when the JVM exits. Where no PostgreSQL answers there, the
 * tests fall back to the platform's embedded one.
 */
public final class TestDatabase {

    static final String HOST = System.getenv().getOrDefault("BTOB_TEST_PG_HOST", "127.0.0.1");

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("BTOB_TEST_PG_PORT", "5432"));

    static final String USER = System.getenv().getOrDefault("BTOB_TEST_PG_USER", "postgres");

    static final String PASSWORD = System.getenv().getOrDefault("BTOB_TEST_PG_PASSWORD", "");

    private TestDatabase() {
    }

    /** Creates a new, empty database and answers its name, or null when no server is reachable. */
    public static String create(String purpose) {
        String name = ("btob_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException unreachable) {
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return name;
    }

    public static void drop(String name) {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException ignored) {
            // The server went away first; nothing is left to drop.
        }
    }

    /** The R2DBC URL of a test database, as {@code btob.db.url} (or {@code SPRING_R2DBC_URL}) takes it. */
    public static String r2dbcUrl(String name) {
        return "r2dbc:postgresql://" + USER + "@" + HOST + ":" + PORT + "/" + name;
    }

    /** The password of the test databases' user, for {@code btob.db.password}. */
    public static String password() {
        return PASSWORD;
    }

    /** A JDBC connection to a test database, for setting up what the API cannot. */
    public static Connection connect(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, USER, PASSWORD);
    }

    private static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, PASSWORD);
    }
}
