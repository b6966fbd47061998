package bg.nrm.service.directory;

import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
            + "places, free_places, webhook_url, takes_gender, min_age, max_age, serves";

    private final Database db;
    private volatile Cached<List<Organisation>> all;
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
        Cached<List<Organisation>> cached = all;
        if (cached != null && cached.fresh()) {
            return cached.value();
        }
        long generation = GENERATION.get();
        long at = System.nanoTime();
        List<Organisation> loaded = List.copyOf(db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM organisations ORDER BY id",
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
        Sql.update(c, "INSERT INTO organisations (" + COLUMNS + ", created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                o.id(), o.name(), o.type().name(), o.region(), String.join(",", o.coveredRegions()),
                o.takesChildren(), o.takesAdults(), o.places(), o.freePlaces(), o.webhookUrl(),
                p == null ? null : p.takesGender(), p == null ? null : p.minAge(), p == null ? null : p.maxAge(),
                serves(p), now);
    }

    public static void update(Connection c, Organisation o) throws SQLException {
        changed();
        Organisation.Placement p = o.placement();
        Sql.update(c, "UPDATE organisations SET name = ?, type = ?, region = ?, covered_regions = ?, takes_children = ?, "
                        + "takes_adults = ?, places = ?, free_places = ?, webhook_url = ?, takes_gender = ?, min_age = ?, "
                        + "max_age = ?, serves = ? WHERE id = ?",
                o.name(), o.type().name(), o.region(), String.join(",", o.coveredRegions()), o.takesChildren(),
                o.takesAdults(), o.places(), o.freePlaces(), o.webhookUrl(), p == null ? null : p.takesGender(),
                p == null ? null : p.minAge(), p == null ? null : p.maxAge(), serves(p), o.id());
    }

    private static String serves(Organisation.Placement p) {
        return p == null || p.serves() == null || p.serves().isEmpty() ? null : String.join(",", p.serves());
    }

    /** The certificates of an organisation, newest first. */
    public List<StoredKey> keys(String organisationId) {
        Cached<List<StoredKey>> cached = keys.get(organisationId);
        if (cached != null && cached.fresh()) {
            return cached.value();
        }
        long generation = GENERATION.get();
        long at = System.nanoTime();
        List<StoredKey> loaded = List.copyOf(db.read(c -> keys(c, organisationId)));
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

    private static Organisation map(ResultSet rs) throws SQLException {
        return new Organisation(rs.getString("id"), rs.getString("name"), OrganisationType.valueOf(rs.getString("type")),
                rs.getString("region"), Arrays.asList(rs.getString("covered_regions").split(",")),
                rs.getInt("takes_children") == 1, rs.getInt("takes_adults") == 1, Sql.nullableInt(rs, "places"),
                Sql.nullableInt(rs, "free_places"), rs.getString("webhook_url"), placement(rs));
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
