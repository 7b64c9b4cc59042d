package jp.btob.platform.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.system.db.BenchmarkDatabase;
import jp.btob.platform.system.db.DatabaseEndpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The session lookup behind every authenticated request: the token's SHA-256, then the one
 * statement of {@link SessionRepository#findLive} that finds the live session by that hash with
 * the user's effective permissions, against a real PostgreSQL holding 10,000 other sessions.
 * No password is hashed on this path. The company's idle-timeout settings, read after it by
 * {@code SessionLimits}, are not part of this measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionLookupBenchmark {

    private static final int OTHER_SESSIONS = 10_000;

    private final String token = SessionTokens.newToken();

    private BenchmarkDatabase database;

    private ConnectionPool pool;

    private SessionRepository sessions;

    @Setup
    public void setUp() {
        database = BenchmarkDatabase.create();
        DatabaseEndpoint endpoint = database.endpoint();
        PostgresqlConnectionConfiguration.Builder configuration = PostgresqlConnectionConfiguration.builder()
                .host(endpoint.host()).port(endpoint.port()).database(endpoint.database()).username(endpoint.username());
        if (!endpoint.password().isEmpty()) {
            configuration.password(endpoint.password());
        }
        pool = new ConnectionPool(ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(configuration.build()))
                .initialSize(2).maxSize(4).maxAcquireTime(Duration.ofSeconds(5)).build());
        DatabaseClient db = DatabaseClient.create(pool);
        sessions = new SessionRepository(db);
        seed(db);
        if (lookUp() == null) {
            throw new IllegalStateException("The benchmark's session is not found");
        }
    }

    @TearDown
    public void tearDown() {
        pool.dispose();
        database.drop();
    }

    @Benchmark
    public SessionRepository.LiveSession lookUp() {
        return sessions.findLive(SessionTokens.hash(token), Instant.now()).block();
    }

    /** A company, its administrator with the live session, and as many other sessions of other users. */
    private void seed(DatabaseClient db) {
        UUID company = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        db.sql("INSERT INTO company (id, code, name, created_at, updated_at) VALUES (:id, 'BNCH-0001', 'ベンチマーク株式会社', :now, :now)")
                .bind("id", company).bind("now", now).fetch().rowsUpdated().block();
        db.sql("""
                        INSERT INTO app_user (id, company_id, login_id, display_name, email, status,
                                              password_hash, password_changed_at, created_at, updated_at)
                        SELECT CASE WHEN i = 0 THEN :user ELSE gen_random_uuid() END, :company, 'bench-' || i, 'ベンチ ' || i,
                               'bench-' || i || '@bench.example', 'ACTIVE', 'not a password hash', :now, :now, :now
                        FROM generate_series(0, :others) i
                        """)
                .bind("user", user).bind("company", company).bind("now", now).bind("others", OTHER_SESSIONS)
                .fetch().rowsUpdated().block();
        db.sql("INSERT INTO user_role (user_id, role_id) SELECT id, :role FROM app_user")
                .bind("role", BuiltInRole.COMPANY_ADMIN.id()).fetch().rowsUpdated().block();
        db.sql("""
                        INSERT INTO user_session (id, token_hash, user_id, company_id, created_at, last_seen_at, expires_at)
                        SELECT gen_random_uuid(), CASE WHEN u.id = :user THEN :hash ELSE sha256(u.login_id::bytea) END,
                               u.id, :company, :now, :now, :expires
                        FROM app_user u
                        """)
                .bind("user", user).bind("hash", SessionTokens.hash(token)).bind("company", company).bind("now", now)
                .bind("expires", now.plus(Duration.ofDays(1))).fetch().rowsUpdated().block();
        db.sql("ANALYZE").fetch().rowsUpdated().block();
    }
}
