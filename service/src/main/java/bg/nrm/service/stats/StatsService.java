package bg.nrm.service.stats;

import bg.nrm.rules.Regions;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.store.Database;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/stats} and {@code GET /api/v1/stats/mechanism} for commissions only: suppressed tables of the
 * regions the caller's commission covers, as JSON or (with {@code Accept: text/csv}) as CSV. A local commission
 * gets its own region by default and 403 for any other; the national commission covers all regions and gets all of
 * them together when it names none. Every query is written to the audit log (who, which table; no figures).
 */
public final class StatsService implements HttpService {
    private static final MediaType CSV = MediaTypes.create("text", "csv");
    private static final String ALL = "ALL";
    private static final int ALL_REGIONS = Regions.builtIn().all().size();
    // The service's mapper leaves out nulls; a suppressed cell must show "count": null, so map values are kept.
    private static final ObjectWriter WRITER = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.ALWAYS))
            .writer();

    private final StatsStore store;
    private final OrganisationStore directory;
    private final AuditLog audit;
    private final int threshold;

    public StatsService(Database db, OrganisationStore directory, AuditLog audit, int threshold) {
        this.store = new StatsStore(db);
        this.directory = directory;
        this.audit = audit;
        this.threshold = Math.max(3, threshold);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleTable)
                .get("/mechanism", this::handleMechanism);
    }

    private void handleTable(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.COMMISSION);
        boolean csv = wantsCsv(req);
        StatsQuery q = parse(req, true);
        StatsTable table = table(p, q);
        respond(res, csv, table, () -> StatsCsv.table(table), "nrm-stats-", q, table.region());
    }

    private void handleMechanism(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.COMMISSION);
        boolean csv = wantsCsv(req);
        StatsQuery q = parse(req, false);
        MechanismTable table = mechanism(p, q);
        respond(res, csv, table, table::csv, "nrm-mechanism-", q, table.region());
    }

    /**
     * The suppressed table of {@code q} for commission {@code p}, audited: what the API and the commission's page
     * both publish. 403 for a region the commission does not cover.
     */
    public StatsTable table(Principal p, StatsQuery q) {
        Scope scope = scope(p, q.region());
        StatsTable table = StatsTable.build(scope.label(), q, store.counts(q.from(), q.to(), q.by(), scope.regions()),
                threshold);
        audited(p, "STATS_QUERY", q, scope);
        return table;
    }

    /** The suppressed mechanism figures of {@code q} for commission {@code p}, audited. */
    public MechanismTable mechanism(Principal p, StatsQuery q) {
        Scope scope = scope(p, q.region());
        MechanismTable table = MechanismTable.build(scope.label(), q,
                store.mechanism(q.from(), q.to(), scope.regions()), threshold);
        audited(p, "STATS_MECHANISM_QUERY", q, scope);
        return table;
    }

    /** The regions commission {@code p} covers (all 28 for the national commission). */
    public List<String> coveredRegions(Principal p) {
        return Optional.ofNullable(p.organisationId()).flatMap(directory::find).map(Organisation::coveredRegions)
                .orElse(List.of());
    }

    /** The smallest published cell. */
    public int threshold() {
        return threshold;
    }

    /** The regions a query counts: the one named or covered, or (empty) every region for the national commission. */
    private record Scope(String label, List<String> regions) {
    }

    private Scope scope(Principal p, Optional<String> region) {
        Organisation org = Optional.ofNullable(p.organisationId()).flatMap(directory::find)
                .orElseThrow(() -> ProblemException.forbidden("your organisation covers no region"));
        List<String> covered = org.coveredRegions();
        if (region.isPresent()) {
            if (!covered.contains(region.get())) {
                throw ProblemException.forbidden("your commission does not cover this region");
            }
            return new Scope(region.get(), List.of(region.get()));
        }
        if (covered.size() == 1) {
            return new Scope(covered.get(0), covered);
        }
        if (covered.size() >= ALL_REGIONS) {
            return new Scope(ALL, List.of());
        }
        throw ProblemException.badRequest("region", "required: your commission covers several regions");
    }

    private static StatsQuery parse(ServerRequest req, boolean breakdowns) {
        var query = req.query();
        return StatsQuery.parse(query.first("from").asOptional(), query.first("to").asOptional(),
                query.contains("by") ? Optional.of(String.join(",", query.all("by"))) : Optional.empty(),
                query.first("region").asOptional(), breakdowns);
    }

    /** JSON unless the client prefers CSV; 406 when it accepts neither. */
    private static boolean wantsCsv(ServerRequest req) {
        if (req.headers().acceptedTypes().isEmpty()) {
            return false;
        }
        Optional<MediaType> best = req.headers().bestAccepted(MediaTypes.APPLICATION_JSON, CSV);
        if (best.isEmpty()) {
            throw ProblemException.notAcceptable();
        }
        return best.get().equals(CSV);
    }

    private void audited(Principal p, String action, StatsQuery q, Scope scope) {
        audit.append(p.username(), action, p.organisationId(), "region=" + scope.label() + " from=" + q.from()
                + " to=" + q.to() + (q.by().isEmpty() ? "" : " by=" + String.join(",",
                q.by().stream().map(Breakdown::code).toList())));
    }

    static byte[] json(Object table) {
        try {
            return WRITER.writeValueAsBytes(table);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("table could not be serialised", e);
        }
    }

    private interface CsvBody {
        byte[] bytes();
    }

    private static void respond(ServerResponse res, boolean csv, Object table, CsvBody body, String prefix,
                                StatsQuery q, String region) {
        if (!csv) {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(json(table));
            return;
        }
        StatsCsv.send(res, prefix, region, q, body.bytes());
    }
}
