package jp.btob.platform.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.util.PGobject;

/** Plain JDBC on the test run's database, for reading what the platform stored and setting up what the API cannot. */
public final class Sql {

    private final String database;

    public Sql(String database) {
        this.database = database;
    }

    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection jdbc = TestDatabase.connect(database); PreparedStatement statement = prepare(jdbc, sql, parameters)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = result.getObject(column);
                        row.put(meta.getColumnLabel(column), value instanceof PGobject pg ? pg.getValue() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
        catch (SQLException ex) {
            throw new IllegalStateException(sql, ex);
        }
    }

    public long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    public int update(String sql, Object... parameters) {
        try (Connection jdbc = TestDatabase.connect(database); PreparedStatement statement = prepare(jdbc, sql, parameters)) {
            return statement.executeUpdate();
        }
        catch (SQLException ex) {
            throw new IllegalStateException(sql, ex);
        }
    }

    private static PreparedStatement prepare(Connection jdbc, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = jdbc.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
