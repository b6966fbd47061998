package bg.nrm.service.stats;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tables as CSV for spreadsheets set to Bulgarian: fields separated by {@code ;} and decimals written with a comma
 * (Excel in a Bulgarian locale splits columns on its list separator, {@code ;}, and would open a comma-separated file
 * as one column), UTF-8 with a byte-order mark (so that Excel reads the Cyrillic headers), CRLF line ends, RFC 4180
 * quoting, and a leading {@code '} before any field that starts with {@code = + - @}, a tab or a carriage return, so
 * that no field is ever run as a formula. A suppressed count is an empty field with {@code true} in the
 * {@code suppressed} column. The API and the commission's page send this one form.
 */
public final class StatsCsv {
    /** The media type of the CSV form. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    static final String TOTAL = "Общо (total)";
    /** The field separator: the list separator of a Bulgarian Windows/Excel. */
    static final char SEPARATOR = ';';
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

    /** A decimal number as a Bulgarian spreadsheet reads it: {@code 0,85}. */
    static String decimal(double value) {
        return Double.toString(value).replace('.', ',');
    }

    /** Sends {@code csv} as a download named after the table, its region and its months. */
    public static void send(ServerResponse res, String prefix, String region, StatsQuery q, byte[] csv) {
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + prefix + region + "-" + q.from() + "-"
                + q.to() + ".csv\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(csv);
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
        // Quoted when it holds the separator, a quote or a line end; a decimal comma stays bare, so it reads as a number.
        if (v.indexOf(SEPARATOR) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
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
                text.append(SEPARATOR);
            }
            text.append(field(fields.get(i)));
        }
        text.append("\r\n");
    }
}
