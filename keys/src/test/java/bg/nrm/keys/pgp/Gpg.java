package bg.nrm.keys.pgp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Real GnuPG in a throwaway home directory, for interoperability tests. */
final class Gpg implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/gpg");

    /** Outcome of one gpg run. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private final Path home;

    Gpg() throws IOException {
        // Short path under /tmp: gpg-agent's socket path must stay under ~100 characters.
        this.home = Files.createTempDirectory(Path.of("/tmp"), "gpg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    Path home() {
        return home;
    }

    Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--batch", "--no-tty", "--homedir", home.toString(),
                "--pinentry-mode", "loopback", "--trust-model", "always"));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    Path write(String name, String content) throws IOException {
        Path p = home.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** Fingerprint of the first secret key in the home directory. */
    String firstSecretFingerprint() {
        Result r = run("--with-colons", "--list-secret-keys");
        return r.stdout().lines().filter(l -> l.startsWith("fpr:")).map(l -> l.split(":")[9]).findFirst().orElseThrow();
    }

    private static Result exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            // Small outputs only: read both fully (stderr on a helper thread to avoid a full pipe).
            StringBuilder errText = new StringBuilder();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    errText.append(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process died; the exit code tells
                }
            });
            String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("gpg timed out");
            }
            t.join();
            return new Result(p.exitValue(), outText, errText.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        exec(List.of("/usr/bin/gpgconf", "--homedir", home.toString(), "--kill", "all"));
        try (Stream<Path> walk = Files.walk(home)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
