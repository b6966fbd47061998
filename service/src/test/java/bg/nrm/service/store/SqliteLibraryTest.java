package bg.nrm.service.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteLibraryTest {
    @TempDir
    Path data;
    private String path;
    private String name;

    @BeforeEach
    void noLibraryChosenYet() throws Exception {
        path = System.clearProperty("org.sqlite.lib.path");
        name = System.clearProperty("org.sqlite.lib.name");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void restore() {
        restore("org.sqlite.lib.path", path);
        restore("org.sqlite.lib.name", name);
    }

    @Test
    void theLibraryIsCopiedOnceOwnerOnlyWithTheJarsBytesAndTheDriverPointedAtIt() throws Exception {
        Path file = SqliteLibrary.useCopyIn(data);

        assertThat(file).isNotNull().hasParent(data.resolve("native"));
        assertThat(Files.readAllBytes(file)).isEqualTo(jarCopy());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(file.getParent().toString());
        assertThat(System.getProperty("org.sqlite.lib.name")).isEqualTo(file.getFileName().toString());
        long modified = Files.getLastModifiedTime(file).toMillis();
        Thread.sleep(20);
        System.clearProperty("org.sqlite.lib.path");
        // The next start finds it unchanged and does not write it again.
        assertThat(SqliteLibrary.useCopyIn(data)).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
    }

    @Test
    void aCopyThatDiffersFromTheJarsIsReplacedBeforeUse() throws Exception {
        Path file = SqliteLibrary.useCopyIn(data);
        byte[] changed = Files.readAllBytes(file);
        changed[changed.length / 2] ^= 0x01;
        Files.write(file, changed);
        System.clearProperty("org.sqlite.lib.path");

        assertThat(SqliteLibrary.useCopyIn(data)).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(jarCopy());
    }

    @Test
    void aLinkInPlaceOfTheCopyIsReplacedByTheJarsBytes() throws Exception {
        Path file = SqliteLibrary.useCopyIn(data);
        Path elsewhere = Files.write(data.resolve("elsewhere.so"), new byte[] {1, 2, 3});
        Files.delete(file);
        Files.createSymbolicLink(file, elsewhere);
        System.clearProperty("org.sqlite.lib.path");

        assertThat(SqliteLibrary.useCopyIn(data)).isEqualTo(file);
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(jarCopy());
        assertThat(Files.readAllBytes(elsewhere)).containsExactly(1, 2, 3);
    }

    @Test
    void aDataDirectoryOthersMayWriteIsNotUsedAndTheDriverExtractsItsOwn() throws Exception {
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(SqliteLibrary.useCopyIn(data)).isNull();
        assertThat(System.getProperty("org.sqlite.lib.path")).isNull();

        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(Files.createDirectories(data.resolve("native")),
                PosixFilePermissions.fromString("rwxrwx---"));
        assertThat(SqliteLibrary.useCopyIn(data)).isNull();
        assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
    }

    @Test
    void aPathChosenByTheOperatorIsLeftAlone() {
        System.setProperty("org.sqlite.lib.path", "/opt/sqlite");
        assertThat(SqliteLibrary.useCopyIn(data)).isNull();
        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo("/opt/sqlite");
        assertThat(data.resolve("native")).doesNotExist();
    }

    /** In a fresh JVM the driver loads the copy: it works, and it writes nothing to the temporary directory. */
    @Test
    void aFreshProcessOpensSqliteFromTheCopyWithoutExtractingToTmp() throws Exception {
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), data.resolve("d").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("select 1+1 = 2");
        assertThat(p.exitValue()).isZero();
        try (Stream<Path> extracted = Files.list(tmp)) {
            assertThat(extracted).isEmpty();
        }
        assertThat(data.resolve("d/native")).isDirectoryContaining(f -> f.getFileName().toString().startsWith("sqlite-"));
    }

    /** Copies the library into the data directory named by the argument, then asks SQLite a question. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dir = Files.createDirectories(Path.of(args[0]));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            if (SqliteLibrary.useCopyIn(dir) == null) {
                throw new AssertionError("the copy was not used");
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                    ResultSet rs = c.createStatement().executeQuery("select 1+1")) {
                rs.next();
                System.out.println("select 1+1 = " + rs.getInt(1));
            }
        }
    }

    private static byte[] jarCopy() throws Exception {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
