package bg.nrm.service.audit;

import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.keys.pgp.Signatures;
import bg.nrm.service.store.SecureFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed checkpoints of the audit chain's head, kept outside the database. Each checkpoint is one line of text,
 * {@code nrm-audit-checkpoint entries=N head=<sha256> mac=<hmac> at=<instant>}, signed by the service key (a detached
 * OpenPGP signature anyone can check with {@code gpg --verify} against {@code GET /api/v1/service-key}). It is
 * written to {@code <data-dir>/audit/checkpoint.txt} and {@code checkpoint.txt.asc} (the latest), appended to
 * {@code checkpoints.log} (the history), and printed to the service log; auditors read it at
 * {@code GET /api/v1/audit/checkpoint}. Someone who deletes the newest audit rows or rewrites one can no longer make
 * {@code /audit/verify} agree with the last checkpoint. What happens after the last checkpoint is anchored only at
 * the next one: hence a short interval ({@code nrm.audit.checkpoint-interval}).
 */
public final class AuditCheckpoints {
    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class.getName());
    private static final Pattern LINE = Pattern.compile(
            "nrm-audit-checkpoint entries=(\\d+) head=([0-9a-f]{64}) mac=([0-9a-f]{64}|none) at=(\\S+)");

    private final AuditLog log;
    private final ServiceSigningKey key;
    private final Path dir;
    private final Clock clock;
    private long lastWritten = -1;

    /** One checkpoint as read back, with whether its signature verifies against the service key. */
    public record Checkpoint(long entries, String head, String mac, Instant at, String text, String signature,
                             boolean signatureValid) {
    }

    public AuditCheckpoints(AuditLog log, ServiceSigningKey key, Path dataDir, Clock clock) {
        this.log = log;
        this.key = key;
        this.dir = SecureFiles.privateDirectory(dataDir.resolve("audit"));
        this.clock = clock;
    }

    /** Writes a checkpoint of the current head, unless the head has not moved since the last one. */
    public synchronized Optional<Checkpoint> write() {
        AuditLog.Head head = log.head();
        if (head.seq() == lastWritten || head.seq() == 0) {
            return Optional.empty();
        }
        Instant at = clock.instant();
        String text = "nrm-audit-checkpoint entries=" + head.seq() + " head=" + head.hash() + " mac="
                + (head.mac() == null ? "none" : head.mac()) + " at=" + at;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String signature = key.signDetached(bytes, at);
        try {
            replace(dir.resolve("checkpoint.txt"), text);
            replace(dir.resolve("checkpoint.txt.asc"), signature);
            Files.writeString(dir.resolve("checkpoints.log"), text + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info(text);
        lastWritten = head.seq();
        return Optional.of(new Checkpoint(head.seq(), head.hash(), head.mac(), at, text, signature, true));
    }

    /** The latest checkpoint on disk, if any, its signature checked. */
    public Optional<Checkpoint> latest() {
        Path text = dir.resolve("checkpoint.txt");
        Path sig = dir.resolve("checkpoint.txt.asc");
        if (!Files.exists(text)) {
            return Optional.empty();
        }
        try {
            String line = Files.readString(text, StandardCharsets.UTF_8).trim();
            String signature = Files.exists(sig) ? Files.readString(sig, StandardCharsets.US_ASCII) : "";
            boolean valid = Signatures.verifyDetached(line.getBytes(StandardCharsets.UTF_8), signature,
                    key.armoredCertificate());
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                return Optional.of(new Checkpoint(0, null, null, null, line, signature, false));
            }
            return Optional.of(new Checkpoint(Long.parseLong(m.group(1)), m.group(2),
                    "none".equals(m.group(3)) ? null : m.group(3), Instant.parse(m.group(4)), line, signature, valid));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Checkpoint(0, null, null, null, "", "", false));
        }
    }

    private void replace(Path file, String content) throws IOException {
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        SecureFiles.writePrivate(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
