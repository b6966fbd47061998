package bg.nrm.service.web;

import bg.nrm.rules.Regions;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.stats.MechanismTable;
import bg.nrm.service.stats.StatsCsv;
import bg.nrm.service.stats.StatsQuery;
import bg.nrm.service.stats.StatsService;
import bg.nrm.service.stats.StatsTable;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * The commission's statistics page ({@code /stats}): the suppressed table of its regions for the chosen period and
 * breakdown, the chart of monthly counts by level, the mechanism figures (time to acknowledge by recipient type) as
 * a table and a chart, and both as CSV for a spreadsheet set to Bulgarian ({@code /stats/table.csv},
 * {@code /stats/mechanism.csv}). Every figure comes from {@link StatsService}: the same scope checks, suppression and
 * audit entries as the API. The filters are a plain GET form whose fields are the API's parameters.
 */
public final class CommissionPages implements HttpService {
    private static final int ALL_REGIONS = Regions.builtIn().all().size();

    private final Web web;
    private final StatsService stats;
    private final Clock clock;

    public CommissionPages(Web web, StatsService stats, Clock clock) {
        this.web = web;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", web.guard(this::handlePage))
                .get("/table.csv", web.guard(this::handleTableCsv))
                .get("/mechanism.csv", web.guard(this::handleMechanismCsv));
    }

    /** The filters as sent (or their defaults): the last twelve months, by month and level. */
    public record Filters(String from, String to, String by1, String by2, String region, List<String> regions,
                          boolean national) {
        /** The query string of these filters, for the download links. */
        public String query() {
            return "from=" + from + "&to=" + to + "&by=" + by1 + (by2.isEmpty() ? "" : "&by=" + by2)
                    + (region.isEmpty() ? "" : "&region=" + region);
        }

        public String mechanismQuery() {
            return "from=" + from + "&to=" + to + (region.isEmpty() ? "" : "&region=" + region);
        }
    }

    private void handlePage(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.COMMISSION);
        Page page = web.page(req);
        Filters f = filters(req, p);
        FormErrors errors = FormErrors.none();
        StatsView table = null;
        StatsView chart = null;
        MechanismTable mechanism = null;
        try {
            StatsQuery q = query(f, true);
            StatsTable t = stats.table(p, q);
            table = StatsView.of(t);
            chart = q.by().size() == 2 && t.by().equals(List.of("month", "level")) ? table
                    : StatsView.of(stats.table(p, query(new Filters(f.from(), f.to(), "month", "level", f.region(),
                            f.regions(), f.national()), true)));
            mechanism = stats.mechanism(p, query(f, false));
        } catch (ProblemException e) {
            if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
                throw e;
            }
            for (Problem.FieldProblem fp : e.problem().errors()) {
                String field = fp.field().equals("by") ? "by1" : fp.field();
                if (!errors.has(field)) {
                    errors.add(field, page.t("stats.error." + field));
                }
            }
        }
        web.render(req, res, errors.isEmpty() ? Status.OK_200 : Status.BAD_REQUEST_400, "stats/stats.jte", page,
                "filters", f, "errors", errors, "table", table, "chart", chart, "mechanism", mechanism,
                "threshold", stats.threshold());
    }

    private void handleTableCsv(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.COMMISSION);
        Filters f = filters(req, p);
        StatsQuery q = query(f, true);
        StatsTable t = stats.table(p, q);
        StatsCsv.send(res, "nrm-stats-", t.region(), q, StatsCsv.table(t));
    }

    private void handleMechanismCsv(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.COMMISSION);
        Filters f = filters(req, p);
        StatsQuery q = query(f, false);
        MechanismTable t = stats.mechanism(p, q);
        StatsCsv.send(res, "nrm-mechanism-", t.region(), q, t.csv());
    }

    private Filters filters(ServerRequest req, Principal p) {
        UriQuery query = req.query();
        YearMonth now = YearMonth.now(clock.withZone(Page.SOFIA));
        String from = query.first("from").orElse(now.minusMonths(11).toString()).trim();
        String to = query.first("to").orElse(now.toString()).trim();
        List<String> by = query.contains("by") ? query.all("by").stream().map(String::trim).filter(b -> !b.isEmpty())
                .toList() : List.of("month", "level");
        String by1 = by.isEmpty() ? "month" : by.get(0);
        String by2 = by.size() > 1 ? by.get(1) : "";
        List<String> regions = stats.coveredRegions(p);
        boolean national = regions.size() >= ALL_REGIONS;
        String region = query.first("region").orElse("").trim();
        // A commission of several (not all) regions looks at one at a time; the first is shown until it chooses.
        if (region.isEmpty() && regions.size() > 1 && !national) {
            region = regions.get(0);
        }
        return new Filters(from, to, by1, by2, region, regions, national);
    }

    private static StatsQuery query(Filters f, boolean breakdowns) {
        return StatsQuery.parse(Optional.of(f.from()), Optional.of(f.to()),
                breakdowns ? Optional.of(f.by1() + (f.by2().isEmpty() ? "" : "," + f.by2())) : Optional.empty(),
                Optional.of(f.region()), breakdowns);
    }
}
