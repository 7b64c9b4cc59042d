package jp.btob.platform.system.csv;

/**
 * RFC 4180 CSV cells for files people open in a spreadsheet. A cell that a spreadsheet would
 * read as a formula gets a leading {@code '}, so that an exported file cannot run anything where
 * it is opened.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** Appends one line of cells, null as empty, ending in CRLF. */
    public static void line(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i] == null ? "" : cells[i].toString()));
        }
        csv.append("\r\n");
    }

    public static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
