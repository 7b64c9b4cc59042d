package jp.btob.platform.crypto;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A column of encrypted values ({@code bytea}), with the row's UUID key and the company that
 * owns the row: what re-encryption after a data-key rotation walks. The names come from code,
 * never from input, and are checked, because SQL cannot bind identifiers.
 */
public record EncryptedColumn(String table, String idColumn, String companyColumn, String column) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public EncryptedColumn {
        for (String name : new String[] {table, idColumn, companyColumn, column}) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
            }
        }
    }

    /** The associated data of the value in one row: its table, column and row ID. */
    public String aad(UUID rowId) {
        return table + ":" + column + ":" + rowId;
    }
}
