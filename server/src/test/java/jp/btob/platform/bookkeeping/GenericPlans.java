package jp.btob.platform.bookkeeping;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.btob.platform.support.TestDatabase;

/**
 * The generic plan of a search statement: the one PostgreSQL may keep for a statement prepared on
 * a connection after five executions, whatever values come, as {@code EXPLAIN (FORMAT JSON)} says.
 */
final class GenericPlans {

    private static final Pattern PARAMETER = Pattern.compile(":([a-zA-Z][a-zA-Z0-9]*)");

    private GenericPlans() {
    }

    static String explain(String database, DocumentSearchRepository.Query query) {
        Matcher matcher = PARAMETER.matcher(query.sql());
        List<String> names = new ArrayList<>();
        StringBuilder prepared = new StringBuilder();
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
            matcher.appendReplacement(prepared, "\\$" + (names.indexOf(matcher.group(1)) + 1));
        }
        matcher.appendTail(prepared);
        List<String> values = new ArrayList<>();
        for (String name : names) {
            Object value = query.parameters().get(name);
            values.add(value instanceof Number ? value.toString() : value instanceof String[] array
                    ? "'{" + String.join(",", array) + "}'" : "'" + value + "'");
        }
        try (Connection jdbc = TestDatabase.connect(database); Statement statement = jdbc.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE search AS " + prepared);
            try (ResultSet result = statement.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE search("
                    + String.join(", ", values) + ")")) {
                if (!result.next()) {
                    throw new IllegalStateException("no plan for " + prepared);
                }
                return result.getString(1);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(prepared.toString(), ex);
        }
    }
}
