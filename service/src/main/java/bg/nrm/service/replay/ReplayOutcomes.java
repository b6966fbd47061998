package bg.nrm.service.replay;

import bg.nrm.keys.atrest.Sealer;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.routing.Organisation;
import bg.nrm.rules.routing.Router;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.http.Json;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The precomputed replay of a ruleset-1 screening under the target ruleset (one {@link Pair} per screening and target
 * ruleset): computed when a version-1 screening is stored, from what the submission has in hand (nothing to open),
 * and by {@link ReplayBackfill} for the screenings stored before. A pair is computed once: the outcomes it records
 * are those of the rules and the directory of the moment it was computed.
 */
public final class ReplayOutcomes {
    private static final Logger LOG = Logger.getLogger(ReplayOutcomes.class.getName());

    private final Replayer replayer;

    public ReplayOutcomes(Sealer sealer, RiskAssessor assessor, Router router, Questionnaires questionnaires) {
        this.replayer = new Replayer(sealer, assessor, router, questionnaires);
    }

    /** The ruleset the pairs are computed for. */
    public static String targetRuleset() {
        return Replayer.TARGET_RULESET;
    }

    /**
     * One screening's replay: its level and the target ruleset's (null when it could not be replayed), whether any
     * part of the outcome changes, and both outcomes as JSON ({@link Outcomes}). No personal data but the region.
     */
    public record Pair(String screeningId, String targetRuleset, String organisationId, long createdAt, String region,
                       String questionnaireId, int questionnaireVersion, String sourceLevel, String targetLevel,
                       boolean changed, String outcomeJson) {
        /** Stores the pair inside the caller's transaction (kept once: a pair already there wins). */
        public void insert(Connection c, long now) throws SQLException {
            ReplayStore.insert(c, this, now);
        }
    }

    /**
     * Forgets, inside the retention's transaction, the pairs of the screenings created before {@code beforeMillis},
     * whose content it shreds: a pair lives as long as the content it was computed from.
     */
    public static int forgetOlderThan(Connection c, long beforeMillis) throws SQLException {
        return ReplayStore.forget(c, beforeMillis);
    }

    /** Both outcomes, as the {@code outcome_json} column holds them. */
    record Outcomes(Replayer.Outcome before, Replayer.Outcome after) {
    }

    /**
     * The pair of a screening being stored; empty unless it was assessed under ruleset 1.x.
     *
     * @param row            the row about to be stored
     * @param content        its case content, before sealing
     * @param assessment     its assessment
     * @param recipientTypes the types of the organisations it is referred to
     * @param directory      the routing directory it was routed with
     */
    public Optional<Pair> ofNewScreening(ScreeningStore.Row row, CaseContent content, Assessment assessment,
                                         List<String> recipientTypes, List<Organisation> directory) {
        if (!row.rulesetVersion().startsWith("1.")) {
            return Optional.empty();
        }
        String region = content.subject() == null ? null : content.subject().region();
        return Optional.of(pair(row, region, () -> replayer.replay(row, content, assessment, recipientTypes,
                directory)));
    }

    /** The pair of a stored screening (the backfill): its content is opened and replayed. */
    Pair ofStored(ScreeningStore.Row row, List<String> recipientTypes, List<Organisation> directory) {
        return pair(row, null, () -> replayer.replay(row, recipientTypes, directory));
    }

    private Pair pair(ScreeningStore.Row row, String knownRegion,
                      java.util.function.Supplier<Optional<Replayer.Replayed>> replay) {
        Optional<Replayer.Replayed> replayed;
        try {
            replayed = replay.get();
        } catch (RuntimeException e) {
            // Never the content or the message (it may quote the content): the id and the kind of failure.
            LOG.log(Level.WARNING, "screening " + row.id() + " could not be replayed: " + e.getClass().getName());
            replayed = Optional.empty();
        }
        if (replayed.isEmpty()) {
            return new Pair(row.id(), Replayer.TARGET_RULESET, row.organisationId(), row.createdAt(),
                    knownRegion == null ? "" : knownRegion, row.questionnaireId(), row.questionnaireVersion(),
                    row.level(), null, false, null);
        }
        Replayer.Replayed r = replayed.get();
        return new Pair(row.id(), Replayer.TARGET_RULESET, row.organisationId(), row.createdAt(),
                r.region() == null ? "" : r.region(), row.questionnaireId(), row.questionnaireVersion(),
                r.before().level(), r.after().level(), r.difference().any(),
                Json.writeString(new Outcomes(r.before(), r.after())));
    }
}
