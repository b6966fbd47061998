package bg.nrm.service.directory;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.OrganisationKeys;
import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Role;
import bg.nrm.service.auth.UserStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.SecureFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Seeds the demo directory ({@code demo-directory.json} beside this class) on the embedded default, once: organisations, a generated OpenPGP key
 * pair per organisation written to {@code <data dir>/keys/<id>.secret.asc} and {@code .public.asc} (demo only: a
 * real organisation generates its own key and uploads the public half), and the demo users. Running it again changes
 * nothing that exists.
 */
public final class DemoSeed {
    private static final Logger LOG = Logger.getLogger(DemoSeed.class.getName());
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Database db;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public DemoSeed(Database db, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** The seed file's shape. */
    record Seed(List<Organisation> organisations, List<SeedUser> users) {
    }

    /** A demo user: name, role, organisation and (plainly fictional) contact details. */
    record SeedUser(String username, Role role, String organisationId, String displayName, String phone) {
    }

    /**
     * What seeding did for the demo users: whether it created them (or they existed already, with the password they
     * were created with), and the password it generated when none was configured, to be shown once.
     */
    public record Result(boolean usersCreated, Optional<String> generatedPassword) {
    }

    /** Seeds what is missing. */
    public Result run(Path keysDir, Optional<String> configuredPassword) {
        Seed seed = load();
        long now = clock.millis();
        // Key pairs are generated (first start) or read (restart) in parallel, before the database writes: generating
        // a dozen of them one after another was most of a first start.
        Map<String, DemoKey> keys = seed.organisations().parallelStream().filter(o -> recipientType(o.type()))
                .collect(Collectors.toConcurrentMap(Organisation::id, o -> demoKey(o, keysDir)));
        for (Organisation o : seed.organisations()) {
            seedOrganisation(o, keys.get(o.id()), now);
        }
        UserStore users = new UserStore(db);
        fillContacts(seed.users(), now);
        boolean anyMissing = seed.users().stream().anyMatch(u -> users.find(u.username()).isEmpty());
        if (!anyMissing) {
            return new Result(false, Optional.empty());
        }
        String password = configuredPassword.orElseGet(DemoSeed::generatePassword);
        String hash = hasher.hash(password.toCharArray());
        db.inTransaction(c -> {
            for (SeedUser u : seed.users()) {
                if (UserStore.insertIfAbsent(c, new UserStore.User(u.username(), hash, u.role(), u.organisationId(),
                        u.displayName(), u.phone(), true, false, null, null, now), now)) {
                    audit.append(c, "system", "DEMO_USER_CREATED", u.username(), u.role().name());
                }
            }
            return null;
        });
        return new Result(true, configuredPassword.isPresent() ? Optional.empty() : Optional.of(password));
    }

    private record DemoKey(String certificate, String fingerprint) {
    }

    private static DemoKey demoKey(Organisation o, Path keysDir) {
        Path publicFile = keysDir.resolve(o.id() + ".public.asc");
        Path secretFile = keysDir.resolve(o.id() + ".secret.asc");
        if (Files.exists(publicFile) && Files.exists(secretFile)) {
            String certificate = read(publicFile);
            // The fingerprint alone: the certificate is validated when it is used for a referral.
            return new DemoKey(certificate, bg.nrm.keys.pgp.Certificates.fingerprint(certificate));
        }
        GeneratedKey key = OrganisationKeys.generate(o.name() + " <" + o.id() + "@demo.nrm.invalid>", null);
        SecureFiles.writePrivate(secretFile, key.armoredSecretKey());
        SecureFiles.write(publicFile, key.armoredCertificate());
        LOG.info(() -> "demo key generated for " + o.id() + ": " + key.fingerprint());
        return new DemoKey(key.armoredCertificate(), key.fingerprint());
    }

    /** Demo users seeded before accounts had contact details get them (and nothing else changes). */
    private void fillContacts(List<SeedUser> seedUsers, long now) {
        db.inTransaction(c -> {
            for (SeedUser u : seedUsers) {
                bg.nrm.service.store.Sql.update(c, "UPDATE users SET display_name = ?, phone = ?, updated_at = ? "
                        + "WHERE username = ? AND display_name IS NULL", u.displayName(), u.phone(), now, u.username());
            }
            return null;
        });
    }

    private void seedOrganisation(Organisation o, DemoKey key, long now) {
        boolean exists = db.read(c -> OrganisationStore.find(c, o.id())).isPresent();
        if (!exists) {
            db.inTransaction(c -> {
                OrganisationStore.insert(c, o, now);
                audit.append(c, "system", "ORGANISATION_CREATED", o.id(), "demo seed");
                return null;
            });
        }
        if (key == null) {
            return;
        }
        String certificate = key.certificate();
        String fingerprint = key.fingerprint();
        boolean registered = new OrganisationStore(db).keys(o.id()).stream().anyMatch(k -> k.fingerprint().equals(fingerprint));
        if (!registered) {
            db.inTransaction(c -> {
                OrganisationStore.activateKey(c, o.id(), fingerprint, certificate, null, now);
                audit.append(c, "system", "KEY_ACTIVATED", o.id(), fingerprint);
                return null;
            });
        }
    }

    /** Screening services do not receive referrals and need no key. */
    private static boolean recipientType(OrganisationType type) {
        return type != OrganisationType.SOCIAL_SERVICE;
    }

    private static Seed load() {
        try (InputStream in = DemoSeed.class.getResourceAsStream("demo-directory.json")) {
            return Json.mapper().readValue(in, Seed.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
