package bg.nrm.service.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Whether the schema history already records exactly this build's migrations, each applied successfully and
 * unchanged since: then there is nothing for Flyway to apply or to validate, and a start skips it (Flyway's
 * configuration, classpath scan and validation were about a tenth of the starting thread's CPU).
 *
 * <p>The check is one query and the build's migration scripts read once. It answers yes only when the history's
 * rows are, one for one, the scripts under {@value #LOCATION} (version, description, script name, Flyway's checksum,
 * success); anything else (a pending or extra migration, a changed or failed one, another kind of row, a script
 * name this check does not know, no history at all, any error) answers no, and Flyway then migrates and validates
 * as before. The checksum is Flyway's: CRC-32 over each line's UTF-8 bytes without its line break, the first line
 * without a byte-order mark ({@code AppliedMigrationsTest} checks it against the checksums Flyway records). Should a
 * Flyway upgrade change it, the check answers no and nothing is skipped.
 */
final class AppliedMigrations {
    static final String LOCATION = "db/migration";
    // Only plain versioned SQL migrations: V<number>__<words>.sql.
    private static final Pattern SCRIPT = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");

    private record Migration(String version, String description, String script, int checksum) {
    }

    private AppliedMigrations() {
    }

    /** True only when the schema history holds exactly this build's migrations, all successful and unchanged. */
    static boolean allApplied(DataSource dataSource) {
        try {
            Map<String, Migration> build = buildMigrations();
            if (build == null || build.isEmpty()) {
                return false;
            }
            List<Migration> history = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version, description, type, script, checksum, success"
                         + " FROM flyway_schema_history ORDER BY installed_rank")) {
                while (rs.next()) {
                    int checksum = rs.getInt(5);
                    boolean checksumNull = rs.wasNull();
                    if (!"SQL".equals(rs.getString(3)) || !rs.getBoolean(6) || checksumNull) {
                        return false;
                    }
                    history.add(new Migration(rs.getString(1), rs.getString(2), rs.getString(4), checksum));
                }
            }
            if (history.size() != build.size()) {
                return false;
            }
            for (Migration applied : history) {
                if (!applied.equals(build.get(applied.version()))) {
                    return false;
                }
            }
            return true;
        } catch (SQLException | IOException | URISyntaxException | RuntimeException e) {
            // No history yet (a new database), or anything unexpected: Flyway decides.
            return false;
        }
    }

    /** The build's migrations by version; null when the location is not one plain folder or jar folder of scripts. */
    private static Map<String, Migration> buildMigrations() throws IOException, URISyntaxException {
        Enumeration<URL> roots = AppliedMigrations.class.getClassLoader().getResources(LOCATION);
        List<URL> found = roots.hasMoreElements() ? Collections.list(roots) : List.of();
        if (found.size() != 1) {
            return null;
        }
        URL root = found.get(0);
        Map<String, Migration> migrations = new HashMap<>();
        if (root.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                for (Path file : files.toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        if (!add(migrations, file.getFileName().toString(), in)) {
                            return null;
                        }
                    }
                }
            }
            return migrations;
        }
        if (root.getProtocol().equals("jar") && root.openConnection() instanceof JarURLConnection connection) {
            String prefix = LOCATION + "/";
            try (JarFile jar = new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile())) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    String name = entry.getName();
                    if (entry.isDirectory() || !name.startsWith(prefix)) {
                        continue;
                    }
                    try (InputStream in = jar.getInputStream(entry)) {
                        if (!add(migrations, name.substring(prefix.length()), in)) {
                            return null;
                        }
                    }
                }
            }
            return migrations;
        }
        return null;
    }

    private static boolean add(Map<String, Migration> migrations, String fileName, InputStream content)
            throws IOException {
        Matcher m = SCRIPT.matcher(fileName);
        if (!m.matches()) {
            return false;
        }
        Migration migration = new Migration(m.group(1), m.group(2).replace('_', ' '), fileName, checksum(content));
        return migrations.putIfAbsent(migration.version(), migration) == null;
    }

    /** Flyway's checksum of a script (ChecksumCalculator): CRC-32 of each line's UTF-8 bytes, no BOM, no breaks. */
    static int checksum(InputStream content) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }
}
