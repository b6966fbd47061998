package bg.nrm.service.stats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tables as CSV for spreadsheets: UTF-8 with a byte-order mark (so that Excel reads the Cyrillic headers), CRLF line
 * ends, RFC 4180 quoting, and a leading {@code '} before any field that starts with {@code = + - @}, a tab or a
 * carriage return, so that no field is ever run as a formula. A suppressed count is an empty field with
 * {@code true} in the {@code suppressed} column.
 */
public final class StatsCsv {
    /** The media type of the CSV form. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    static final String TOTAL = "Общо (total)";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private StatsCsv() {
    }

    /** The table as CSV: one line per cell, then the margins of a two-way table, then the total. */
    public static byte[] table(StatsTable t) {
        List<String> header = new ArrayList<>();
        for (String code : t.by()) {
            header.add(Breakdown.fromCode(code).orElseThrow().header());
        }
        header.add("Брой (count)");
        header.add("Потиснато (suppressed)");
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> cell : t.cells()) {
            rows.add(row(t.by(), cell, null));
        }
        if (t.margins() != null) {
            for (Map.Entry<String, List<Map<String, Object>>> m : t.margins().entrySet()) {
                for (Map<String, Object> cell : m.getValue()) {
                    rows.add(row(t.by(), cell, TOTAL));
                }
            }
        }
        List<String> total = new ArrayList<>();
        for (int i = 0; i < t.by().size(); i++) {
            total.add(TOTAL);
        }
        total.add(t.total() == null ? "" : t.total().toString());
        total.add(t.total() == null ? "true" : "false");
        rows.add(total);
        return write(header, rows);
    }

    /** Any table given as a header and rows of text. */
    public static byte[] write(List<String> header, List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        StringBuilder text = new StringBuilder();
        line(text, header);
        for (List<String> row : rows) {
            line(text, row);
        }
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** One field, made safe against formula injection and quoted when needed. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || v.indexOf(';') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static List<String> row(List<String> by, Map<String, Object> cell, String missing) {
        List<String> row = new ArrayList<>();
        for (String code : by) {
            Object v = cell.get(code);
            row.add(v == null ? missing : v.toString());
        }
        Object count = cell.get(StatsTable.COUNT);
        row.add(count == null ? "" : count.toString());
        row.add(Boolean.TRUE.equals(cell.get(StatsTable.SUPPRESSED)) ? "true" : "false");
        return row;
    }

    private static void line(StringBuilder text, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields.get(i)));
        }
        text.append("\r\n");
    }
}
