package bg.nrm.service.replay;

import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.store.Database;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Computes the pairs of the ruleset-1 screenings stored before pairs were computed at storing, a bounded batch at a
 * time, in the background. Resumable: the cursor and the count still pending are in {@code replay_backfill}, so a
 * restart (or another instance on PostgreSQL) goes on where the last batch ended. Opening, re-assessing and
 * re-routing happen outside any transaction; a batch's transaction only writes its pairs and moves the cursor, so a
 * request waits at most for one short write. When a pass finds nothing left, the screenings still without a pair
 * are counted once more (some may have been stored behind the cursor by an instance without this code) and, if
 * there are any, another pass starts.
 */
public final class ReplayBackfill {
    private static final Logger LOG = Logger.getLogger(ReplayBackfill.class.getName());

    private final Database db;
    private final ReplayStore store;
    private final ReplayOutcomes outcomes;
    private final OrganisationStore directory;
    private final Clock clock;
    private final int batch;
    private volatile boolean complete;

    public ReplayBackfill(Database db, ReplayOutcomes outcomes, OrganisationStore directory, Clock clock, int batch) {
        this.db = db;
        this.store = new ReplayStore(db);
        this.outcomes = outcomes;
        this.directory = directory;
        this.clock = clock;
        this.batch = batch;
    }

    /**
     * Computes one batch: the next {@code batch} screenings in id order, those of them that need a pair; returns how
     * many it replayed (0 for a window with none to replay, and once none is left: then {@link #complete()}).
     */
    public int runBatch() {
        if (complete) {
            return 0;
        }
        String target = Replayer.TARGET_RULESET;
        ReplayStore.Progress progress = store.progress(target).orElseGet(() -> {
            store.start(target, store.countUnreplayed(target), clock.millis());
            return store.progress(target).orElseThrow();
        });
        if (progress.done()) {
            complete = true;
            return 0;
        }
        ReplayStore.Window window = store.window(target, progress.afterId(), batch);
        if (window.lastId() == null) {
            long left = store.countUnreplayed(target);
            if (left > 0) {
                store.restart(target, progress.afterId(), left, clock.millis());
            } else {
                store.finish(target, progress.afterId(), clock.millis());
                complete = true;
                LOG.info("replay backfill under ruleset " + target + " complete");
            }
            return 0;
        }
        List<ScreeningStore.Row> rows = window.unreplayed();
        var types = store.recipientTypes(rows);
        List<bg.nrm.rules.routing.Organisation> orgs = directory.snapshot().routingFacts();
        List<ReplayOutcomes.Pair> pairs = rows.stream()
                .map(r -> outcomes.ofStored(r, types.getOrDefault(r.id(), List.of()), orgs)).toList();
        String last = window.lastId();
        long now = clock.millis();
        db.inTransaction(c -> {
            for (ReplayOutcomes.Pair p : pairs) {
                p.insert(c, now);
            }
            return ReplayStore.advance(c, target, progress.afterId(), last, rows.size(), now);
        });
        return rows.size();
    }

    /** Runs batches until the backfill is complete (tests and benchmarks; the service runs one per worker pass). */
    public long runToEnd() {
        long total = 0;
        while (!complete) {
            total += runBatch();
        }
        return total;
    }

    /** Whether every stored ruleset-1 screening has its pair (when the backfill has not started: looked up). */
    public boolean complete() {
        if (complete) {
            return true;
        }
        String target = Replayer.TARGET_RULESET;
        return store.progress(target).map(ReplayStore.Progress::done).orElseGet(() -> !store.anyUnreplayed(target));
    }

    /** How many stored ruleset-1 screenings are still without a pair (counted when the backfill has not started). */
    public long pending() {
        if (complete) {
            return 0;
        }
        String target = Replayer.TARGET_RULESET;
        return store.progress(target).map(p -> p.done() ? 0L : p.pending())
                .orElseGet(() -> store.countUnreplayed(target));
    }
}
