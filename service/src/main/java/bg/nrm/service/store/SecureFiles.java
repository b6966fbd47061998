package bg.nrm.service.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files in the data directory; secrets are created readable by the owner only (0600). */
public final class SecureFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SecureFiles() {
    }

    /** Creates the directory (0700 on POSIX) if it does not exist. */
    public static Path privateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (POSIX) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writePrivate(Path file, String text) {
        try {
            if (POSIX) {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the SQLite database file, and its WAL and shared-memory files, readable by the owner only (0600). The
     * driver would create them with the process umask (0644: any local user could copy the case database); SQLite
     * gives the WAL and shared-memory files the database file's mode, so creating that one first is enough for new
     * files, and existing ones are tightened.
     */
    public static void privateDatabaseFile(Path dbFile) {
        if (!POSIX) {
            return;
        }
        try {
            var ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (!Files.exists(dbFile)) {
                Files.createFile(dbFile, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Path f = dbFile.resolveSibling(dbFile.getFileName() + suffix);
                if (Files.exists(f)) {
                    Files.setPosixFilePermissions(f, ownerOnly);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
