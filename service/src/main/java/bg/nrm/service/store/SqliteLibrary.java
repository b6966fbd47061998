package bg.nrm.service.store;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Points sqlite-jdbc at a copy of its native library kept in the data directory. Left to itself the driver writes
 * the library (1.1 MB) from its jar to {@code java.io.tmpdir} under a new name at every start and compares the two
 * copies a byte at a time (50-80 ms of the starting thread's CPU); the copy here is written once per driver version
 * and, before each use, compared in full with the jar's bytes.
 *
 * <p>Loading a native library runs its code in the service, so the copy is used only when nobody else can have
 * written it: the data directory and {@code native/} inside it owner-only and owned by the file's owner, the file
 * owner-only, a regular file (no link). Otherwise, or on any error, nothing is set and the driver loads its library
 * as it always did. An {@code org.sqlite.lib.path} given by the operator is left alone.
 */
public final class SqliteLibrary {
    private static final Logger LOG = Logger.getLogger(SqliteLibrary.class.getName());
    private static final Set<PosixFilePermission> SHARED_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private SqliteLibrary() {
    }

    /**
     * Makes sure {@code dataDir/native} holds the driver's library, identical to the jar's, and sets
     * {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} to it. Call before the first SQLite connection.
     *
     * @return the library used, or null if the driver is left to extract its own
     */
    public static Path useCopyIn(Path dataDir) {
        if (System.getProperty("org.sqlite.lib.path") != null
                || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return null;
        }
        try {
            String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
            byte[] library;
            try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return null;
                }
                library = in.readAllBytes();
            }
            Path dir = SecureFiles.privateDirectory(dataDir.resolve("native"));
            String name = "sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + LibraryLoaderUtil.getNativeLibName();
            Path file = dir.resolve(name);
            if (!ownerOnly(dataDir, dir)) {
                return null;
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || !sameAs(file, library, dir)) {
                writeAtomically(file, library);
                if (!sameAs(file, library, dir)) {
                    return null;
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.warning("SQLite's native library is extracted by the driver: " + e.getClass().getSimpleName());
            return null;
        }
    }

    // The directories nobody but their owner may write (a writer could swap the file after the check).
    private static boolean ownerOnly(Path dataDir, Path dir) throws IOException {
        PosixFileAttributes data = Files.readAttributes(dataDir, PosixFileAttributes.class);
        PosixFileAttributes nat = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean ok = nat.isDirectory() && data.owner().equals(nat.owner())
                && data.permissions().stream().noneMatch(SHARED_WRITE::contains)
                && nat.permissions().equals(PosixFilePermissions.fromString("rwx------"));
        if (!ok) {
            LOG.warning("the data directory or its native/ folder is writable by others or owned by another user: "
                    + "SQLite's native library is extracted by the driver");
        }
        return ok;
    }

    // A regular file of the directory's owner, owner-only, with exactly the jar's bytes.
    private static boolean sameAs(Path file, byte[] library, Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes d = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile() || !a.owner().equals(d.owner()) || a.size() != library.length
                || a.permissions().stream().anyMatch(p -> p != PosixFilePermission.OWNER_READ
                        && p != PosixFilePermission.OWNER_WRITE)) {
            return false;
        }
        return Arrays.equals(Files.readAllBytes(file), library);
    }

    // A crash leaves the old file or the whole new one, never a part: a process loading a half-written library
    // would crash or worse.
    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".sqlite-", ".tmp"); // 0600
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
