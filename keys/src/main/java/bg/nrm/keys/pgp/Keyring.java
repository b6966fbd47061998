package bg.nrm.keys.pgp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The certificates of one organisation over time, immutable. Rotation is routine: an organisation adds a
 * new certificate; the newest enabled one that is valid now becomes the primary and receives new referrals,
 * older ones stay for verification and for reading old messages until disabled or destroyed.
 *
 * <p>Each entry is read and described when added, so a keyring never holds something that is not a
 * single public certificate. Validity (expiry, revocation) is evaluated when asked, at the given time.
 */
public final class Keyring {
    private final String organisationId;
    private final List<Entry> entries;

    /**
     * One certificate in the keyring.
     *
     * @param fingerprint        primary fingerprint
     * @param armoredCertificate the certificate
     * @param status             its life-cycle state
     * @param created            creation time of the key, used to pick the newest
     */
    public record Entry(String fingerprint, String armoredCertificate, KeyStatus status, Instant created) {
    }

    private Keyring(String organisationId, List<Entry> entries) {
        this.organisationId = organisationId;
        this.entries = List.copyOf(entries);
    }

    /** An empty keyring for {@code organisationId}. */
    public static Keyring empty(String organisationId) {
        if (organisationId == null || organisationId.isBlank()) {
            throw new IllegalArgumentException("organisation id must not be blank");
        }
        return new Keyring(organisationId, List.of());
    }

    /** The organisation this keyring belongs to. */
    public String organisationId() {
        return organisationId;
    }

    /**
     * A keyring with {@code armoredCertificate} added as {@link KeyStatus#ENABLED}. Adding a certificate
     * with a fingerprint already present replaces the stored certificate (for example with its revoked
     * version) and keeps the status.
     *
     * @throws InvalidKeyException if it is not a single readable public certificate
     */
    public Keyring with(String armoredCertificate) {
        var cert = Pgp.readSingleCertificate(armoredCertificate);
        CertificateInfo info = Certificates.describe(cert, Instant.now());
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        KeyStatus status = KeyStatus.ENABLED;
        for (Entry e : entries) {
            if (e.fingerprint().equals(info.fingerprint())) {
                status = e.status();
            } else {
                next.add(e);
            }
        }
        next.add(new Entry(info.fingerprint(), Pgp.armor(cert), status, info.created()));
        return new Keyring(organisationId, next);
    }

    /** A keyring where the key {@code fingerprint} has {@code status}; unknown fingerprints are an error. */
    public Keyring withStatus(String fingerprint, KeyStatus status) {
        List<Entry> next = new ArrayList<>(entries.size());
        boolean found = false;
        for (Entry e : entries) {
            if (e.fingerprint().equalsIgnoreCase(fingerprint)) {
                if (e.status() == KeyStatus.DESTROYED && status != KeyStatus.DESTROYED) {
                    throw new IllegalStateException("a destroyed key cannot be re-enabled: " + e.fingerprint());
                }
                next.add(new Entry(e.fingerprint(), e.armoredCertificate(), status, e.created()));
                found = true;
            } else {
                next.add(e);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no such key in keyring: " + fingerprint);
        }
        return new Keyring(organisationId, next);
    }

    /** All entries, oldest first. */
    public List<Entry> entries() {
        return entries.stream().sorted(Comparator.comparing(Entry::created)).toList();
    }

    /** The newest enabled certificate that can encrypt at {@code now}, if any. */
    public Optional<Entry> primary(Instant now) {
        return entries.stream()
                .filter(e -> e.status() == KeyStatus.ENABLED)
                .filter(e -> usable(e, now))
                .max(Comparator.comparing(Entry::created));
    }

    /**
     * The certificate to encrypt new referrals to.
     *
     * @throws InvalidKeyException if no enabled certificate is usable at {@code now}
     */
    public String encryptionCertificate(Instant now) {
        return primary(now).map(Entry::armoredCertificate)
                .orElseThrow(() -> new InvalidKeyException("no usable encryption key for organisation " + organisationId));
    }

    /** Certificates that may verify signatures from this organisation: every entry not destroyed. */
    public List<String> verificationCertificates() {
        return entries.stream().filter(e -> e.status() != KeyStatus.DESTROYED).map(Entry::armoredCertificate).toList();
    }

    private static boolean usable(Entry e, Instant now) {
        try {
            Certificates.requireUsable(Pgp.readSingleCertificate(e.armoredCertificate()), now);
            return true;
        } catch (InvalidKeyException ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Keyring[" + organisationId + ", " + entries.size() + " keys]";
    }
}
