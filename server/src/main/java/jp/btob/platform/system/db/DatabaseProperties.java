package jp.btob.platform.system.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the system of record is. With {@code url} (an R2DBC URL, also read from
 * {@code SPRING_R2DBC_URL}) or {@code host} set, the platform uses that PostgreSQL; with
 * neither, it starts an embedded PostgreSQL whose data survives restarts.
 *
 * @param url      an R2DBC URL such as {@code r2dbc:postgresql://db.example:5432/btob}
 * @param host     the PostgreSQL host, when no URL is given
 * @param port     its port
 * @param name     the database name
 * @param username the database user
 * @param password the user's password; empty for trust or peer authentication
 * @param poolSize the most connections the platform holds open
 */
@ConfigurationProperties("btob.db")
public record DatabaseProperties(String url, String host, Integer port, String name, String username,
                                 String password, Integer poolSize) {

    boolean external() {
        return hasText(url) || hasText(host);
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
