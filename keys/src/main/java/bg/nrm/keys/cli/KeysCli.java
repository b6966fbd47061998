package bg.nrm.keys.cli;

import bg.nrm.keys.KeysException;
import bg.nrm.keys.pgp.Certificates;
import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.OpenedEnvelope;
import bg.nrm.keys.pgp.OrganisationKeys;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code java -jar nrm-keys.jar <command> ...}
 *
 * <pre>
 * keygen --id &lt;org-id&gt; --out &lt;dir&gt; [--passphrase-file f]
 *     writes &lt;dir&gt;/&lt;org-id&gt;.public.asc and &lt;org-id&gt;.secret.asc (owner-only), prints the fingerprint
 * decrypt --key &lt;secret.asc&gt; --service-key &lt;service-cert.asc&gt; [--passphrase-file f] &lt;referral.asc&gt;
 *     prints the referral only if the service signature verifies
 * fingerprint &lt;cert.asc&gt;
 * </pre>
 *
 * Exit codes: 0 success, 1 failure (the message says only what failed), 2 usage error.
 */
public final class KeysCli {
    /** Success. */
    public static final int OK = 0;
    /** The operation failed. */
    public static final int FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    private static final Pattern ORG_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    private static final String USAGE_TEXT = """
            usage:
              nrm-keys keygen --id <org-id> --out <dir> [--passphrase-file <file>]
              nrm-keys decrypt --key <secret.asc> --service-key <service-cert.asc> [--passphrase-file <file>] <referral.asc>
              nrm-keys fingerprint <cert.asc>
            """;

    private KeysCli() {
    }

    /** Entry point; exits with the code of {@link #run}. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args == null || args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        String command = args[0];
        Args parsed;
        try {
            parsed = Args.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        try {
            return switch (command) {
                case "keygen" -> keygen(parsed, out, err);
                case "decrypt" -> decrypt(parsed, out, err);
                case "fingerprint" -> fingerprint(parsed, out, err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE_TEXT);
                    yield OK;
                }
                default -> usage(err, "unknown command: " + command);
            };
        } catch (KeysException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("cannot read or write a file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return FAILED;
        }
    }

    private static int keygen(Args a, PrintStream out, PrintStream err) throws IOException {
        if (!a.only(Set.of("--id", "--out", "--passphrase-file")) || !a.positional.isEmpty()
                || a.get("--id") == null || a.get("--out") == null) {
            return usage(err, "keygen needs --id and --out");
        }
        String id = a.get("--id");
        if (!ORG_ID.matcher(id).matches()) {
            return usage(err, "--id must be lower-case letters, digits and dashes");
        }
        char[] passphrase = a.get("--passphrase-file") == null ? null : readPassphrase(Path.of(a.get("--passphrase-file")));
        Path dir = Path.of(a.get("--out"));
        Path publicFile = dir.resolve(id + ".public.asc");
        Path secretFile = dir.resolve(id + ".secret.asc");
        if (Files.exists(publicFile) || Files.exists(secretFile)) {
            err.println("refusing to overwrite an existing key for " + id + " in " + dir);
            return FAILED;
        }
        GeneratedKey key = OrganisationKeys.generate(id, passphrase);
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
        Files.createDirectories(dir);
        writeOwnerOnly(secretFile, key.armoredSecretKey());
        Files.writeString(publicFile, key.armoredCertificate(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        out.println(key.fingerprint());
        return OK;
    }

    private static int decrypt(Args a, PrintStream out, PrintStream err) throws IOException {
        if (!a.only(Set.of("--key", "--service-key", "--passphrase-file")) || a.positional.size() != 1
                || a.get("--key") == null || a.get("--service-key") == null) {
            return usage(err, "decrypt needs --key, --service-key and one referral file");
        }
        String secret = readSmall(Path.of(a.get("--key")));
        String serviceCert = readSmall(Path.of(a.get("--service-key")));
        String message = readSmall(Path.of(a.positional.get(0)));
        char[] passphrase = a.get("--passphrase-file") == null ? null : readPassphrase(Path.of(a.get("--passphrase-file")));
        OpenedEnvelope opened;
        try {
            opened = Envelopes.decryptAndVerify(message, secret, passphrase, List.of(serviceCert));
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
        if (!opened.signatureVerified()) {
            // Never print an unverified referral: it may be forged.
            err.println("verification failed");
            return FAILED;
        }
        byte[] plaintext = opened.plaintext();
        out.write(plaintext, 0, plaintext.length);
        out.flush();
        Arrays.fill(plaintext, (byte) 0);
        return OK;
    }

    private static int fingerprint(Args a, PrintStream out, PrintStream err) throws IOException {
        if (!a.only(Set.of()) || a.positional.size() != 1) {
            return usage(err, "fingerprint needs one certificate file");
        }
        out.println(Certificates.fingerprint(readSmall(Path.of(a.positional.get(0)))));
        return OK;
    }

    private static int usage(PrintStream err, String message) {
        err.println(message);
        err.print(USAGE_TEXT);
        return USAGE;
    }

    private static String readSmall(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new KeysException("file too large: " + file.getFileName());
        }
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    private static char[] readPassphrase(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // One trailing line break is how editors and `echo` end the file; it is not part of the passphrase.
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.toCharArray();
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.CREATE);
    }

    /** Options ({@code --name value}) and positional arguments. */
    private record Args(Map<String, String> options, List<String> positional) {
        static Args parse(String[] args) {
            Map<String, String> options = new HashMap<>();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + args[i]);
                    }
                    if (options.put(args[i], args[++i]) != null) {
                        throw new IllegalArgumentException("repeated option " + args[i - 1]);
                    }
                } else {
                    positional.add(args[i]);
                }
            }
            return new Args(options, positional);
        }

        String get(String name) {
            return options.get(name);
        }

        boolean only(Set<String> allowed) {
            return allowed.containsAll(options.keySet());
        }
    }
}
