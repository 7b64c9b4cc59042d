package jp.btob.platform.settings.ip;

import java.util.List;

import io.r2dbc.spi.Readable;

/**
 * The company's IP allow-list as one column of the statement that finds a caller (a session, an
 * API client), so that the allow-list gate needs no statement of its own on any request.
 */
public final class IpAllowlistColumn {

    private static final String NAME = "ip_allowlist";

    private IpAllowlistColumn() {
    }

    /** The column: the CIDR ranges of the company whose ID is {@code companyId}, in the list's order, by its primary key. */
    public static String of(String companyId) {
        return "ARRAY(SELECT a.cidr FROM company_ip_allowlist a WHERE a.company_id = " + companyId
                + " ORDER BY a.position) AS " + NAME;
    }

    /** The ranges the column read; none for a company without a list. */
    public static List<String> read(Readable row) {
        return List.of(row.get(NAME, String[].class));
    }
}
