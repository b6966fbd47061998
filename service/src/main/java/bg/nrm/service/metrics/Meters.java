package bg.nrm.service.metrics;

import bg.nrm.service.store.Database;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the service counts and times, in Helidon's global meter registry (application scope). Tags carry levels, states, channels and outcomes,
 * never ids, organisations or anything about a person. A count made inside a transaction that then rolls back stays
 * counted: these are operational figures, the statistics tables are the record.
 *
 * <p>In Prometheus form: {@code nrm_screenings_total{level}}, {@code nrm_screening_seconds},
 * {@code nrm_referrals_total{state}}, {@code nrm_deliveries_total{channel,outcome}}, {@code nrm_delivery_seconds{channel}},
 * {@code nrm_escalations_total{successor}}, {@code nrm_sign_in_failures_total{reason}},
 * {@code nrm_screenings_refused_total{reason}}, {@code nrm_screenings_in_progress}.
 */
public final class Meters {
    private Meters() {
    }

    /** A screening was assessed and stored, at {@code level}. */
    public static void screening(String level) {
        counter("nrm.screenings", "Screenings stored, by risk level", "level", level).increment();
    }

    /** An API screening was refused with 503 because as many as the limit were already in progress. */
    public static void screeningRefused() {
        counter("nrm.screenings.refused", "API screenings refused with 503 because the service was at its limit",
                "reason", "busy").increment();
    }

    /** Times one screening submission (validate, assess, route, encrypt, store). */
    public static <T> T timeScreening(Supplier<T> submission) {
        return registry().getOrCreate(Timer.builder("nrm.screening")
                .description("Time to validate, assess, route, encrypt and store a screening")).record(submission);
    }

    /** A referral entered {@code state} (created, delivered, acknowledged, decided, escalated, failed, revoked). */
    public static void referral(String state) {
        counter("nrm.referrals", "Referrals entering each state", "state", state).increment();
    }

    /** Delivery channels: pushed to a webhook, sent by e-mail, or pulled by the recipient. */
    public enum Channel {
        WEBHOOK, EMAIL, PULL;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The channel of a delivery channel's name ({@code webhook}, {@code e-mail}, {@code inbox}). */
        public static Channel of(String channelName) {
            return switch (channelName) {
                case "webhook" -> WEBHOOK;
                case "e-mail" -> EMAIL;
                default -> PULL;
            };
        }
    }

    /** One delivery attempt ended, delivered or not; a webhook attempt also records how long it took. */
    public static void delivery(Channel channel, boolean delivered, Duration took) {
        registry().getOrCreate(Counter.builder("nrm.deliveries")
                        .description("Delivery attempts, by channel and outcome")
                        .tags(List.of(Tag.create("channel", channel.tag()),
                                Tag.create("outcome", delivered ? "delivered" : "failed"))))
                .increment();
        if (took != null) {
            registry().getOrCreate(Timer.builder("nrm.delivery")
                    .description("Time of one delivery attempt")
                    .tags(List.of(Tag.create("channel", channel.tag())))).record(took);
        }
    }

    /** A referral was escalated; {@code passedOn} whether a successor recipient was found. */
    public static void escalation(boolean passedOn) {
        counter("nrm.escalations", "Referrals escalated, and whether a next recipient was found", "successor",
                passedOn ? "found" : "none").increment();
    }

    /** Why a sign-in was refused. */
    public enum SignInFailure {
        BAD_CREDENTIALS, RATE_LIMITED
    }

    /** A sign-in was refused. */
    public static void signInFailure(SignInFailure reason) {
        counter("nrm.sign_in.failures", "Refused sign-ins, by reason", "reason",
                reason.name().toLowerCase(Locale.ROOT)).increment();
    }

    /**
     * The database writer's figures, read when scraped: {@code nrm_db_commits_total}, {@code nrm_db_committed_items_total}
     * (items per commit is the group commit's batching) and {@code nrm_db_writer_busy_milliseconds_total} (the time
     * the one writer ran and committed: near the elapsed time means the writer is the limit).
     */
    public static void databaseWriter(Supplier<Database.WriterFigures> figures) {
        // One set of meters per process; the newest database is the one read (tests start several in one JVM).
        writer = figures;
        registry().getOrCreate(FunctionalCounter.builder("nrm.db.commits", Meters.class, m -> writer().commits())
                .description("Durable commits of the group committer"));
        registry().getOrCreate(FunctionalCounter.builder("nrm.db.committed_items", Meters.class,
                m -> writer().items()).description("Units of work those commits carried"));
        registry().getOrCreate(FunctionalCounter.builder("nrm.db.writer_busy_milliseconds", Meters.class,
                m -> writer().busyMillis()).description("Time the writer spent running and committing work"));
        registry().getOrCreate(FunctionalCounter.builder("nrm.db.writer_round_trips", Meters.class,
                m -> writer().roundTrips()).description("Statements the writer sent: each JDBC batch and commit once"));
    }

    private static volatile Supplier<Database.WriterFigures> writer;
    private static volatile IntSupplier screeningsInProgress = () -> 0;

    /** The API screenings in progress now (the newest service's, as for the writer's figures). */
    public static void screeningsInProgress(IntSupplier inProgress) {
        screeningsInProgress = inProgress;
        registry().getOrCreate(Gauge.builder("nrm.screenings.in_progress",
                        () -> (Integer) screeningsInProgress.getAsInt())
                .description("API screenings being assessed, sealed or stored now"));
    }

    private static Database.WriterFigures writer() {
        Supplier<Database.WriterFigures> w = writer;
        return w == null ? new Database.WriterFigures(0, 0, 0, 0) : w.get();
    }

    // Helidon 4.5 keeps the meter registry in its service registry (Metrics.globalRegistry() is going away); the
    // /observe/metrics endpoint reads the same one.
    private static MeterRegistry registry() {
        return Services.get(MeterRegistry.class);
    }

    private static Counter counter(String name, String description, String tag, String value) {
        MeterRegistry registry = registry();
        Counters known = counters;
        if (known.registry() != registry) {
            // A new registry (a test that starts another server): counters of the old one would count unseen.
            known = new Counters(registry, new ConcurrentHashMap<>());
            counters = known;
        }
        // Built once per name and tag value: a builder, its tag map and the registry's look-up cost more than the
        // increment, on every screening.
        return known.byKey().computeIfAbsent(name + '\u0000' + tag + '\u0000' + value,
                k -> registry.getOrCreate(Counter.builder(name).description(description)
                        .tags(List.of(Tag.create(tag, value)))));
    }

    private record Counters(MeterRegistry registry, Map<String, Counter> byKey) {
    }

    private static volatile Counters counters = new Counters(null, new ConcurrentHashMap<>());
}
