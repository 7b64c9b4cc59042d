package jp.btob.platform.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.springframework.beans.factory.config.BeanPostProcessor;
import reactor.core.publisher.Mono;

/**
 * Every SQL statement the platform sends to PostgreSQL, in order: imported into a test's context,
 * it puts itself between the connection pool and everything that uses it (transactions included),
 * so that a test can count what a path costs in round trips.
 */
public final class StatementLog implements BeanPostProcessor {

    private final List<String> statements = new CopyOnWriteArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof ConnectionPool pool ? new Logged(pool, statements) : bean;
    }

    public void clear() {
        statements.clear();
    }

    /** The statements sent since the last {@link #clear()}. */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    /** The pool, with each connection's {@code createStatement} written down first. */
    static final class Logged implements ConnectionFactory, Wrapped<ConnectionFactory> {

        private final ConnectionPool pool;

        private final List<String> statements;

        Logged(ConnectionPool pool, List<String> statements) {
            this.pool = pool;
            this.statements = statements;
        }

        @Override
        public Mono<Connection> create() {
            return pool.create().map(this::logged);
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return pool.getMetadata();
        }

        @Override
        public ConnectionFactory unwrap() {
            return pool;
        }

        /** The pool's own destroy method, which the context calls on this bean. */
        public void dispose() {
            pool.dispose();
        }

        private Connection logged(Connection connection) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class, Wrapped.class}, (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Wrapped.class) {
                            return connection;
                        }
                        if ("createStatement".equals(method.getName())) {
                            statements.add((String) args[0]);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
