package jp.btob.platform.system.db;

import io.r2dbc.spi.ConnectionFactoryOptions;

/** The coordinates of one PostgreSQL database, as both R2DBC and Flyway's JDBC need them. */
public record DatabaseEndpoint(String host, int port, String database, String username, String password,
                               boolean embedded) {

    static DatabaseEndpoint from(DatabaseProperties properties) {
        if (DatabaseProperties.hasText(properties.url())) {
            ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(properties.url());
            Object port = options.getValue(ConnectionFactoryOptions.PORT);
            Object user = options.getValue(ConnectionFactoryOptions.USER);
            Object password = options.getValue(ConnectionFactoryOptions.PASSWORD);
            return new DatabaseEndpoint(
                    String.valueOf(options.getRequiredValue(ConnectionFactoryOptions.HOST)),
                    port == null ? 5432 : Integer.parseInt(port.toString()),
                    String.valueOf(options.getRequiredValue(ConnectionFactoryOptions.DATABASE)),
                    user != null ? user.toString() : properties.username(),
                    password != null ? password.toString() : properties.password(),
                    false);
        }
        return new DatabaseEndpoint(properties.host(), properties.port() == null ? 5432 : properties.port(),
                properties.name(), properties.username(), properties.password(), false);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "postgresql://" + username + "@" + host + ":" + port + "/" + database + (embedded ? " (embedded)" : "");
    }
}
