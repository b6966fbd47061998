package bg.nrm.service.replay;

import bg.nrm.rules.LocalizedText;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/replay}: which stored screenings would come out differently under ruleset 2.0.0.
 * <ul>
 * <li>{@code GET /} (screener): the caller's organisation's ruleset-1 screenings whose level, findings or recipient
 * types change, with the difference, a page of changed screenings at a time ({@code limit}, keyset cursor
 * {@code after}), read from the precomputed pairs ({@link ReplayOutcomes});</li>
 * <li>{@code GET /{id}/draft} (screener of that organisation): the version-2 screening body pre-filled from it, to be
 * completed (consent, identity, notes) and sent to {@code POST /api/v1/screenings};</li>
 * <li>{@code GET /transitions} (commission): the anonymised, suppressed table of level transitions (version-1 level
 * by version-2 level) for the regions the commission covers, one aggregate query over the precomputed pairs, with how
 * many screenings the backfill has still to replay.</li>
 * </ul>
 * A replay sends nothing and changes no screening or referral: only its own pairs are stored (when a version-1
 * screening is stored, and by {@link ReplayBackfill}); each request is audited.
 */
public final class ReplayService implements HttpService {
    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 2000;
    private static final List<String> LEVELS = List.of("NONE", "LOW", "MEDIUM", "HIGH", "IMMEDIATE");

    private final ReplayStore store;
    private final ScreeningStore screenings;
    private final OrganisationStore directory;
    private final Replayer replayer;
    private final Questionnaires questionnaires;
    private final ReplayBackfill backfill;
    private final AuditLog audit;
    private final int threshold;

    public ReplayService(bg.nrm.service.store.Database db, ScreeningStore screenings, OrganisationStore directory,
                         bg.nrm.keys.atrest.Sealer sealer, bg.nrm.rules.RiskAssessor assessor,
                         bg.nrm.rules.routing.Router router, Questionnaires questionnaires, ReplayBackfill backfill,
                         AuditLog audit, int threshold) {
        this.store = new ReplayStore(db);
        this.screenings = screenings;
        this.directory = directory;
        this.replayer = new Replayer(sealer, assessor, router, questionnaires);
        this.questionnaires = questionnaires;
        this.backfill = backfill;
        this.audit = audit;
        this.threshold = threshold;
    }

    /** One screening whose outcome changes. */
    public record Change(String screeningId, Instant createdAt, String questionnaire, int questionnaireVersion,
                         Replayer.Outcome before, Replayer.Outcome after, Replayer.Difference difference,
                         String draft) {
    }

    /**
     * A page of the list: {@code limit} changed screenings at most. {@code replayed} is how many of the
     * organisation's version-1 screenings of the period have been replayed, {@code complete} whether every stored
     * one has (false while the background backfill runs); {@code next} is the cursor of the next page, absent on the
     * last one.
     */
    public record ChangeList(String ruleset, long replayed, boolean complete, List<Change> changed, String next) {
    }

    /** A pre-filled version-2 screening, and the answers to check again before sending it. */
    public record Draft(String fromScreeningId, Map<String, Object> screening, List<String> reviewCodes,
                        LocalizedText notice) {
    }

    /** One cell of the transition table; {@code count} is absent when suppressed. */
    public record Cell(String v1Level, String v2Level, Long count, boolean suppressed) {
    }

    /** A margin (all v2 levels of one v1 level, or all v1 levels of one v2 level). */
    public record Margin(String level, Long count, boolean suppressed) {
    }

    /**
     * The anonymised transition table of a commission's regions, over the screenings replayed so far; {@code pending}
     * is how many stored version-1 screenings of the whole service the background backfill has still to replay.
     */
    public record Transitions(String ruleset, String region, String from, String to, int threshold, List<Cell> cells,
                              List<Margin> v1Levels, List<Margin> v2Levels, Long total, boolean totalSuppressed,
                              long pending) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleList)
                .get("/transitions", this::handleTransitions)
                .get("/{id}/draft", this::handleDraft);
    }

    private void handleList(ServerRequest req, ServerResponse res) {
        Principal screener = Access.require(req, Role.SCREENER);
        var query = req.query();
        Instant[] period = period(query.first("from").asOptional(), query.first("to").asOptional());
        int limit = limit(query.first("limit").asOptional());
        ReplayStore.Cursor after = query.first("after").asOptional().map(ReplayService::cursor).orElse(null);
        String target = Replayer.TARGET_RULESET;
        long from = period[0].toEpochMilli();
        long to = period[1].toEpochMilli();
        List<Change> changed = new ArrayList<>();
        for (ReplayStore.Listed row : store.changed(target, screener.organisationId(), from, to, after, limit)) {
            ReplayOutcomes.Outcomes o = bg.nrm.service.http.Json.read(row.outcomeJson(), ReplayOutcomes.Outcomes.class);
            changed.add(new Change(row.screeningId(), Instant.ofEpochMilli(row.createdAt()), row.questionnaireId(),
                    row.questionnaireVersion(), o.before(), o.after(), Replayer.difference(o.before(), o.after()),
                    "/api/v1/replay/" + row.screeningId() + "/draft"));
        }
        long replayed = store.replayed(target, screener.organisationId(), from, to);
        boolean complete = backfill.complete();
        audit.append(screener.username(), "REPLAY_LISTED", screener.organisationId(),
                changed.size() + " changed screening(s) listed under " + target);
        String next = null;
        if (changed.size() == limit) {
            Change last = changed.get(changed.size() - 1);
            next = new ReplayStore.Cursor(last.createdAt().toEpochMilli(), last.screeningId()).toString();
        }
        Bodies.json(res, new ChangeList(target, replayed, complete, changed, next));
    }

    private void handleDraft(ServerRequest req, ServerResponse res) {
        Principal screener = Access.require(req, Role.SCREENER);
        String id = req.path().pathParameters().get("id");
        // Another organisation's screening is "not found": its existence is not the caller's to learn.
        ScreeningStore.Row row = screenings.find(id).filter(r -> r.organisationId().equals(screener.organisationId()))
                .orElseThrow(() -> ProblemException.notFound("screening"));
        if (!row.rulesetVersion().startsWith("1.")) {
            throw ProblemException.conflict("this screening was already made under ruleset " + row.rulesetVersion());
        }
        if (row.dataKey() == null) {
            throw ProblemException.gone("the case content of this screening is no longer held");
        }
        Replayer.Replayed replayed = replayer.replay(row, List.of(), List.of())
                .orElseThrow(() -> ProblemException.conflict("this screening cannot be replayed"));
        audit.append(screener.username(), "REPLAY_DRAFT", id, "pre-filled " + replayed.input().questionnaireId()
                + " version " + replayed.input().questionnaireVersion());
        Bodies.json(res, draft(row, replayed));
    }

    private Draft draft(ScreeningStore.Row row, Replayer.Replayed replayed) {
        ScreeningInput input = replayed.input();
        CaseContent.Subject s = replayed.content().subject();
        // The identity, the notes and the consent are not carried over: consent is asked again for the new
        // screening, and identity and notes are given again by the screener who is with the person.
        Map<String, Object> subject = new java.util.LinkedHashMap<>();
        putIfPresent(subject, "ref", s.ref());
        subject.put("ageYears", s.ageYears());
        subject.put("gender", s.gender());
        putIfPresent(subject, "citizenship", s.citizenship());
        subject.put("region", s.region());
        putIfPresent(subject, "ageUncertain", s.ageUncertain());
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("questionnaire", input.questionnaireId());
        body.put("questionnaireVersion", input.questionnaireVersion());
        body.put("subject", subject);
        body.put("answers", input.answers());
        Questionnaire q = questionnaires.find(input.questionnaireId(), input.questionnaireVersion()).orElseThrow();
        List<String> review = q.revisedCodes().stream().filter(code -> "yes".equals(input.answers().get(code))).toList();
        return new Draft(row.id(), body, review, new LocalizedText(
                "Проверете отново отговорите „Да“ на въпросите с променен смисъл (reviewCodes) и новите въпроси "
                        + "(без отговор, т.е. „Няма информация“), попитайте отново за съгласие и попълнете самоличността "
                        + "и бележките, преди да изпратите новия скрининг.",
                "Check again the \"Yes\" answers to the questions whose meaning changed (reviewCodes) and the new "
                        + "questions (unanswered, that is \"No information\"), ask for consent again and fill in the "
                        + "identity and notes before sending the new screening."));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private void handleTransitions(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.COMMISSION);
        var query = req.query();
        Optional<String> from = query.first("from").asOptional();
        Optional<String> to = query.first("to").asOptional();
        Instant[] period = period(from, to);
        List<String> regions = scope(p, query.first("region").asOptional());
        long[][] counts = new long[LEVELS.size()][LEVELS.size()];
        // One aggregate query over the precomputed pairs; unknown levels (none today) are left out, not guessed.
        store.transitions(Replayer.TARGET_RULESET, period[0].toEpochMilli(), period[1].toEpochMilli(), regions)
                .forEach((levels, count) -> {
                    int i = LEVELS.indexOf(levels.get(0));
                    int j = LEVELS.indexOf(levels.get(1));
                    if (i >= 0 && j >= 0) {
                        counts[i][j] += count;
                    }
                });
        long pending = backfill.pending();
        audit.append(p.username(), "REPLAY_TRANSITIONS", p.organisationId(), "transition table under "
                + Replayer.TARGET_RULESET + ", " + pending + " screening(s) pending");
        Bodies.json(res, transitions(counts, regions.size() == 1 ? regions.get(0) : "ALL", from.orElse(null),
                to.orElse(null), pending));
    }

    private Transitions transitions(long[][] counts, String region, String from, String to, long pending) {
        // Suppression works on the levels that occur; an all-zero row or column is simply not listed.
        List<Integer> rows = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < LEVELS.size(); i++) {
            long rowSum = 0;
            long colSum = 0;
            for (int j = 0; j < LEVELS.size(); j++) {
                rowSum += counts[i][j];
                colSum += counts[j][i];
            }
            if (rowSum > 0) {
                rows.add(i);
            }
            if (colSum > 0) {
                cols.add(i);
            }
        }
        List<Cell> cells = new ArrayList<>();
        List<Margin> v1 = new ArrayList<>();
        List<Margin> v2 = new ArrayList<>();
        if (rows.isEmpty()) {
            return new Transitions(Replayer.TARGET_RULESET, region, from, to, threshold, cells, v1, v2, 0L, false,
                    pending);
        }
        long[][] table = new long[rows.size()][cols.size()];
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                table[i][j] = counts[rows.get(i)][cols.get(j)];
                total += table[i][j];
            }
        }
        bg.nrm.service.stats.Suppression.TwoWay hidden = bg.nrm.service.stats.Suppression.twoWay(table, threshold);
        for (int i = 0; i < rows.size(); i++) {
            long rowSum = 0;
            for (int j = 0; j < cols.size(); j++) {
                rowSum += table[i][j];
                if (table[i][j] > 0) {
                    boolean s = hidden.cells()[i][j];
                    cells.add(new Cell(LEVELS.get(rows.get(i)), LEVELS.get(cols.get(j)), s ? null : table[i][j], s));
                }
            }
            v1.add(new Margin(LEVELS.get(rows.get(i)), hidden.rows()[i] ? null : rowSum, hidden.rows()[i]));
        }
        for (int j = 0; j < cols.size(); j++) {
            long colSum = 0;
            for (int i = 0; i < rows.size(); i++) {
                colSum += table[i][j];
            }
            v2.add(new Margin(LEVELS.get(cols.get(j)), hidden.columns()[j] ? null : colSum, hidden.columns()[j]));
        }
        return new Transitions(Replayer.TARGET_RULESET, region, from, to, threshold, cells, v1, v2,
                hidden.total() ? null : total, hidden.total(), pending);
    }

    // A local commission gets its own region (403 for another); the national commission all, or the one it names.
    private List<String> scope(Principal p, Optional<String> region) {
        Organisation org = Optional.ofNullable(p.organisationId()).flatMap(directory::find)
                .orElseThrow(() -> ProblemException.forbidden("your organisation covers no region"));
        List<String> covered = org.coveredRegions();
        if (region.isPresent()) {
            if (!covered.contains(region.get())) {
                throw ProblemException.forbidden("your commission does not cover this region");
            }
            return List.of(region.get());
        }
        if (covered.size() == 1) {
            return covered;
        }
        if (covered.size() >= 28) {
            return List.of();
        }
        throw ProblemException.badRequest("region", "required: your commission covers several regions");
    }

    private static Instant[] period(Optional<String> from, Optional<String> to) {
        Instant start = from.map(f -> month(f, "from").atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .orElse(Instant.EPOCH);
        Instant end = to.map(t -> month(t, "to").plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .orElse(Instant.parse("9999-01-01T00:00:00Z"));
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("to", "must not be before from");
        }
        return new Instant[] {start, end};
    }

    private static YearMonth month(String text, String field) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest(field, "must be a month as YYYY-MM");
        }
    }

    private static int limit(Optional<String> text) {
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.get());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit", "must be a whole number");
        }
    }

    private static ReplayStore.Cursor cursor(String text) {
        try {
            return ReplayStore.Cursor.parse(text);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("after", "must be the next cursor of an earlier page");
        }
    }
}
