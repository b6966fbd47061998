package bg.nrm.service.directory;

import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The organisation directory and its recipient certificates.
 *
 * <p>Every screening routes over the whole directory and looks up each recipient's certificates, so both are
 * cached: {@link #all()} and {@link #keys(String)} answer from memory. Every write below bumps a process-wide
 * generation, which empties the caches; and a cached view is also dropped after {@link #MAX_AGE}, which bounds how
 * long a change made by another instance sharing the PostgreSQL database (or a write racing a read) stays unseen.
 */
public final class OrganisationStore {
    /** Longest time a cached view of the directory is used. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final AtomicLong GENERATION = new AtomicLong();
    private static final String COLUMNS = "id, name, type, region, covered_regions, takes_children, takes_adults, "
            + "places, free_places, webhook_url, address, duty_phone, out_of_hours_phone, email, takes_gender, min_age, "
            + "max_age, serves";

    private final Database db;
    private volatile Cached<Snapshot> all;
    private final ConcurrentHashMap<String, Cached<List<StoredKey>>> keys = new ConcurrentHashMap<>();

    public OrganisationStore(Database db) {
        this.db = db;
    }

    private record Cached<T>(T value, long generation, long loadedAtNanos) {
        boolean fresh() {
            return generation == GENERATION.get() && System.nanoTime() - loadedAtNanos < MAX_AGE.toNanos();
        }
    }

    /** Forgets every cached view of the directory (called by each write here; call it after any other change). */
    public static void changed() {
        GENERATION.incrementAndGet();
    }

    /** A recipient certificate as stored. */
    public record StoredKey(String fingerprint, String organisationId, String certificate, String status,
                            Long expiresAt, long createdAt) {
    }

    /** Every organisation, by id (from the cache when fresh). */
    public List<Organisation> all() {
        return snapshot().all();
    }

    /**
     * The directory as a screening uses it, built once per cached view: every organisation, each by its id, and the
     * routing rules' facts of each.
     */
    public record Snapshot(List<Organisation> all, Map<String, Organisation> byId,
                           List<bg.nrm.rules.routing.Organisation> routingFacts) {
        static Snapshot of(List<Organisation> all) {
            Map<String, Organisation> byId = new HashMap<>();
            for (Organisation o : all) {
                byId.put(o.id(), o);
            }
            return new Snapshot(List.copyOf(all), Map.copyOf(byId),
                    all.stream().map(Organisation::toRoutingFact).toList());
        }
    }

    /** The directory (from the cache when fresh). */
    public Snapshot snapshot() {
        Cached<Snapshot> cached = all;
        if (cached != null && cached.fresh()) {
            return cached.value();
        }
        long generation = GENERATION.get();
        long at = System.nanoTime();
        Snapshot loaded = Snapshot.of(db.query(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM organisations ORDER BY id",
                OrganisationStore::map)));
        all = new Cached<>(loaded, generation, at);
        return loaded;
    }

    public Optional<Organisation> find(String id) {
        return db.read(c -> find(c, id));
    }

    public static Optional<Organisation> find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM organisations WHERE id = ?", OrganisationStore::map, id);
    }

    public static void insert(Connection c, Organisation o, long now) throws SQLException {
        changed();
        Organisation.Placement p = o.placement();
        Sql.update(c, "INSERT INTO organisations (" + COLUMNS + ", created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                o.id(), o.name(), o.type().name(), o.region(), String.join(",", o.coveredRegions()),
                o.takesChildren(), o.takesAdults(), o.places(), o.freePlaces(), o.webhookUrl(), o.contacts().address(),
                o.contacts().dutyPhone(), o.contacts().outOfHoursPhone(), o.contacts().email(),
                p == null ? null : p.takesGender(), p == null ? null : p.minAge(), p == null ? null : p.maxAge(),
                serves(p), now);
    }

    public static void update(Connection c, Organisation o) throws SQLException {
        changed();
        Organisation.Placement p = o.placement();
        Sql.update(c, "UPDATE organisations SET name = ?, type = ?, region = ?, covered_regions = ?, takes_children = ?, "
                        + "takes_adults = ?, places = ?, free_places = ?, webhook_url = ?, address = ?, duty_phone = ?, "
                        + "out_of_hours_phone = ?, email = ?, takes_gender = ?, min_age = ?, max_age = ?, serves = ? "
                        + "WHERE id = ?",
                o.name(), o.type().name(), o.region(), String.join(",", o.coveredRegions()), o.takesChildren(),
                o.takesAdults(), o.places(), o.freePlaces(), o.webhookUrl(), o.contacts().address(),
                o.contacts().dutyPhone(), o.contacts().outOfHoursPhone(), o.contacts().email(),
                p == null ? null : p.takesGender(), p == null ? null : p.minAge(), p == null ? null : p.maxAge(),
                serves(p), o.id());
    }

    private static String serves(Organisation.Placement p) {
        return p == null || p.serves() == null || p.serves().isEmpty() ? null : String.join(",", p.serves());
    }
    /** An organisation's webhook secret as stored: sealed, with the wrapped data key it is sealed under. */
    public record SealedSecret(byte[] sealed, byte[] wrappedKey) {
    }

    /** Stores (or with null, removes) the organisation's sealed webhook secret. */
    public static void setWebhookSecret(Connection c, String organisationId, SealedSecret secret) throws SQLException {
        changed();
        Sql.update(c, "UPDATE organisations SET webhook_secret = ?, webhook_secret_key = ? WHERE id = ?",
                secret == null ? null : secret.sealed(), secret == null ? null : secret.wrappedKey(), organisationId);
    }

    /** The organisation's sealed webhook secret, if one is set. */
    public Optional<SealedSecret> webhookSecret(String organisationId) {
        return db.query(c -> Sql.one(c, "SELECT webhook_secret, webhook_secret_key FROM organisations WHERE id = ? "
                + "AND webhook_secret IS NOT NULL", rs -> new SealedSecret(rs.getBytes(1), rs.getBytes(2)), organisationId));
    }

    /** The certificates of an organisation, newest first. */
    public List<StoredKey> keys(String organisationId) {
        Cached<List<StoredKey>> cached = keys.get(organisationId);
        if (cached != null && cached.fresh()) {
            return cached.value();
        }
        long generation = GENERATION.get();
        long at = System.nanoTime();
        // A pure read: beside the writer, as all() is, so a screening does not wait behind a commit for it.
        List<StoredKey> loaded = List.copyOf(db.query(c -> keys(c, organisationId)));
        if (keys.size() > 10_000) {
            keys.clear();
        }
        keys.put(organisationId, new Cached<>(loaded, generation, at));
        return loaded;
    }

    public static List<StoredKey> keys(Connection c, String organisationId) throws SQLException {
        return Sql.list(c, "SELECT fingerprint, organisation_id, certificate, status, expires_at, created_at "
                        + "FROM organisation_keys WHERE organisation_id = ? ORDER BY created_at DESC, fingerprint",
                rs -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Sql.nullableLong(rs, "expires_at"), rs.getLong(6)),
                organisationId);
    }

    /** Makes {@code key} the organisation's active certificate; earlier active ones become RETIRED. */
    public static void activateKey(Connection c, String organisationId, String fingerprint, String certificate,
                                   Long expiresAt, long now) throws SQLException {
        changed();
        Sql.update(c, "UPDATE organisation_keys SET status = 'RETIRED' WHERE organisation_id = ? AND status = 'ACTIVE'",
                organisationId);
        if (Sql.update(c, "UPDATE organisation_keys SET status = 'ACTIVE', certificate = ?, expires_at = ? "
                + "WHERE fingerprint = ? AND organisation_id = ?", certificate, expiresAt, fingerprint, organisationId) == 0) {
            Sql.update(c, "INSERT INTO organisation_keys (fingerprint, organisation_id, certificate, status, expires_at, "
                    + "created_at) VALUES (?,?,?,'ACTIVE',?,?)", fingerprint, organisationId, certificate, expiresAt, now);
        }
    }

    /** The stored key with this fingerprint, whichever organisation holds it. */
    public static Optional<StoredKey> byFingerprint(Connection c, String fingerprint) throws SQLException {
        return Sql.one(c, "SELECT fingerprint, organisation_id, certificate, status, expires_at, created_at "
                + "FROM organisation_keys WHERE fingerprint = ?", OrganisationStore::mapKey, fingerprint);
    }

    /** The organisation's ACTIVE key, if it has one (the newest, should there be several). */
    public static Optional<StoredKey> activeKey(Connection c, String organisationId) throws SQLException {
        return keys(c, organisationId).stream().filter(k -> "ACTIVE".equals(k.status())).findFirst();
    }

    /** Stores {@code certificate} as PENDING for the organisation, replacing an earlier pending or retired copy. */
    public static void proposeKey(Connection c, String organisationId, String fingerprint, String certificate,
                                  Long expiresAt, long now, String proposedBy) throws SQLException {
        if (Sql.update(c, "UPDATE organisation_keys SET status = 'PENDING', certificate = ?, expires_at = ?, proposed_by = ? "
                + "WHERE fingerprint = ? AND organisation_id = ?", certificate, expiresAt, proposedBy, fingerprint,
                organisationId) == 0) {
            Sql.update(c, "INSERT INTO organisation_keys (fingerprint, organisation_id, certificate, status, expires_at, "
                    + "created_at, proposed_by) VALUES (?,?,?,'PENDING',?,?,?)", fingerprint, organisationId, certificate,
                    expiresAt, now, proposedBy);
        }
        changed();
    }

    private static StoredKey mapKey(ResultSet rs) throws SQLException {
        return new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Sql.nullableLong(rs, "expires_at"), rs.getLong(6));
    }

    /** Retires one key of the organisation; false when it has no such key (or it is already retired). */
    public static boolean retireKey(Connection c, String organisationId, String fingerprint) throws SQLException {
        changed();
        return Sql.update(c, "UPDATE organisation_keys SET status = 'RETIRED' WHERE organisation_id = ? "
                + "AND fingerprint = ? AND status <> 'RETIRED'", organisationId, fingerprint) > 0;
    }

    private static Organisation map(ResultSet rs) throws SQLException {
        return new Organisation(rs.getString("id"), rs.getString("name"), OrganisationType.valueOf(rs.getString("type")),
                rs.getString("region"), Arrays.asList(rs.getString("covered_regions").split(",")),
                rs.getInt("takes_children") == 1, rs.getInt("takes_adults") == 1, Sql.nullableInt(rs, "places"),
                Sql.nullableInt(rs, "free_places"), rs.getString("webhook_url"),
                new Organisation.Contacts(rs.getString("address"), rs.getString("duty_phone"),
                        rs.getString("out_of_hours_phone"), rs.getString("email")), placement(rs));
    }

    private static Organisation.Placement placement(ResultSet rs) throws SQLException {
        String gender = rs.getString("takes_gender");
        Integer min = Sql.nullableInt(rs, "min_age");
        Integer max = Sql.nullableInt(rs, "max_age");
        String serves = rs.getString("serves");
        if (gender == null && min == null && max == null && serves == null) {
            return null;
        }
        return new Organisation.Placement(gender, min, max, serves == null ? List.of() : List.of(serves.split(",")));
    }
}
