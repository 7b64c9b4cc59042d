package jp.btob.platform.settings;

import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;

/**
 * A company's saved security settings as columns of another statement (the account a login
 * finds), so that a login reads them without a statement of their own. What they read becomes the
 * settings in force through {@link SecuritySettingsService#inForce(SecuritySettings)}, as
 * {@link SecuritySettingsService#forCompany} would answer them.
 */
public final class SecuritySettingsColumns {

    private static final String PREFIX = "settings_";

    private static final String SAVED = PREFIX + "saved";

    private static final String COLUMNS = "css.company_id IS NOT NULL AS " + SAVED + ", "
            + SecuritySettingsRepository.SETTINGS.stream().map(column -> "css." + column + " AS " + PREFIX + column)
                    .collect(Collectors.joining(", "));

    private SecuritySettingsColumns() {
    }

    /** The columns, for the select list of a statement that has {@link #join} in its FROM clause. */
    public static String columns() {
        return COLUMNS;
    }

    /** The join of the saved settings, if any, of the company whose ID is {@code companyId}, by its primary key. */
    public static String join(String companyId) {
        return "LEFT JOIN company_security_settings css ON css.company_id = " + companyId;
    }

    /** The settings the company saved, or null when it saved none. */
    public static SecuritySettings read(Readable row) {
        return Boolean.TRUE.equals(row.get(SAVED, Boolean.class)) ? SecuritySettingsRepository.settings(row, PREFIX) : null;
    }
}
