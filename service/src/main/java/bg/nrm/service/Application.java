package bg.nrm.service;

import bg.nrm.keys.atrest.KeyEncryptionKeys;
import bg.nrm.keys.atrest.Sealer;
import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.keys.token.TokenService;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.routing.Router;
import bg.nrm.service.admin.AuditService;
import bg.nrm.service.admin.KeyRotation;
import bg.nrm.service.apidocs.ApiDocsService;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.AccessTokens;
import bg.nrm.service.auth.AuthFilter;
import bg.nrm.service.auth.AuthService;
import bg.nrm.service.auth.ClientAddress;
import bg.nrm.service.auth.Credentials;
import bg.nrm.service.auth.LiveStreams;
import bg.nrm.service.auth.OidcSignIn;
import bg.nrm.service.auth.RateLimiter;
import bg.nrm.service.auth.SignIn;
import bg.nrm.service.auth.UserService;
import bg.nrm.service.auth.UserStore;
import bg.nrm.service.auth.WebSessions;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.DemoSeed;
import bg.nrm.service.directory.OrganisationService;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.directory.ServiceKeyService;
import bg.nrm.service.http.ErrorMapping;
import bg.nrm.service.referral.AlertHub;
import bg.nrm.service.referral.AlertService;
import bg.nrm.service.referral.DeliveryWorker;
import bg.nrm.service.referral.Escalation;
import bg.nrm.service.referral.RecipientKeys;
import bg.nrm.service.referral.ReferralFactory;
import bg.nrm.service.referral.ReferralService;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.referral.SealedReasons;
import bg.nrm.service.screening.QuestionnaireService;
import bg.nrm.service.screening.Retention;
import bg.nrm.service.screening.ScreeningService;
import bg.nrm.service.screening.ScreeningWorkflow;
import bg.nrm.service.stats.DemoStatistics;
import bg.nrm.service.stats.StatsService;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.SecureFiles;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The service's parts, wired once: storage, keys, rules, and the HTTP services. Tests build it with a temporary data
 * directory and a clock they control, and reuse {@link #routing(HttpRouting.Builder)} on a real server.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Application.class.getName());

    private final Settings settings;
    private final Clock clock;
    private final Database db;
    private final AuditLog audit;
    private final TokenService tokens;
    private final PasswordHasher hasher;
    private final ServiceSigningKey signingKey;
    private final Sealer sealer;
    private final KeyEncryptionKeys keks;
    private final OrganisationStore directory;
    private final ScreeningStore screenings;
    private final ReferralStore referrals;
    private final ScreeningWorkflow workflow;
    private final Questionnaires questionnaires;
    private final DemoSeed.Result demo;
    private final Escalation escalation;
    private final DeliveryWorker delivery;
    private final AlertHub alerts;
    private final Workers workers = new Workers();
    private final KeyRotation keyRotation;
    private final SealedReasons reasons;
    private final Credentials credentials;
    private final SignIn signIn;
    private final ClientAddress clientAddress;

    private Application(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Path keysDir = SecureFiles.privateDirectory(SecureFiles.privateDirectory(settings.dataDir()).resolve("keys"));
        this.db = Database.open(settings.jdbcUrl());
        this.audit = new AuditLog(db, clock);
        this.keks = KeyEncryptionKeys.openOrCreate(keysDir.resolve("kek.bcfks"), keystorePassword(settings, keysDir));
        this.sealer = Sealer.using(keks);
        this.tokens = TokenService.create(keks.tokenKeyMaterial(), "nrm-service", clock);
        this.hasher = PasswordHasher.argon2id();
        this.signingKey = ServiceSigningKey.loadOrCreate(keysDir);
        this.directory = new OrganisationStore(db);
        this.screenings = new ScreeningStore(db);
        this.referrals = new ReferralStore(db);
        this.questionnaires = Questionnaires.builtIn();
        Router router = Router.create();
        RecipientKeys recipientKeys = new RecipientKeys(directory);
        ReferralFactory referralFactory = new ReferralFactory(signingKey);
        this.workflow = new ScreeningWorkflow(db, questionnaires, RiskAssessor.create(), router, directory,
                recipientKeys, referralFactory, sealer, audit, clock);
        this.escalation = new Escalation(db, directory, recipientKeys, referralFactory, screenings, sealer, router,
                audit, clock);
        this.delivery = new DeliveryWorker(db, clock, instanceId(), settings.deliveryInitialBackoff(),
                settings.deliveryMaxAttempts(), settings.deliveryLease(), settings.allowPrivateNetworks());
        this.alerts = new AlertHub(referrals, clock.millis());
        this.keyRotation = new KeyRotation(db, keks, sealer, audit);
        this.reasons = new SealedReasons(screenings, sealer);
        LiveStreams streams = new LiveStreams();
        this.credentials = new Credentials(
                new AccessTokens(tokens, db, clock, settings.tokenTtl(), streams),
                new WebSessions(db, clock, settings.sessionIdle(), settings.sessionLifetime(), settings.secureCookies(),
                        streams),
                streams);
        this.signIn = new SignIn(new UserStore(db), hasher, audit, clock);
        this.clientAddress = new ClientAddress(settings.trustedProxies());
        this.demo = settings.demoEnabled()
                ? new DemoSeed(db, hasher, audit, clock).run(keysDir, settings.demoPassword())
                : new DemoSeed.Result(false, Optional.empty());
        if (settings.demoStatistics() && DemoStatistics.seedIfEmpty(db, clock) > 0) {
            audit.append("system", "DEMO_STATISTICS_SEEDED", null, DemoStatistics.ROWS + " made-up statistics rows");
        }
    }

    /**
     * Opens storage, migrates it, loads or creates keys, seeds the demo directory when enabled, and starts the
     * background jobs (delivery, escalation, alerts, retention) unless {@code nrm.workers.enabled} is false.
     */
    public static Application start(Settings settings, Clock clock) {
        Application app = new Application(settings, clock);
        if (settings.kekRotateOnStart()) {
            KeyRotation.Rotated rotated = app.keyRotation.rotate();
            app.audit.append("system", "KEK_ROTATED", rotated.primary(), rotated.rewrapped() + " data key(s) re-wrapped at start");
        }
        if (settings.workersEnabled()) {
            Duration poll = settings.deliveryPollInterval();
            app.workers.every("alerts", poll, app.alerts::poll);
            app.workers.every("delivery", poll, app.delivery::runOnce);
            app.workers.every("escalation", poll, app.escalation::escalateOverdue);
            app.workers.every("retention", Duration.ofHours(1), app::shredExpired);
            app.workers.every("credentials", Duration.ofMinutes(10), app.credentials::purgeExpired);
        }
        return app;
    }

    /** Crypto-shreds case content older than the retention period; statistics stay. */
    public int shredExpired() {
        long now = clock.millis();
        int shredded = new Retention(db).shredOlderThan(now - settings.retention().toMillis(), now);
        if (shredded > 0) {
            audit.append("service", "RETENTION_SHREDDED", null, shredded + " screening(s)");
        }
        return shredded;
    }

    /** Registers every route, the authentication filter and the error mapping. */
    public void routing(HttpRouting.Builder routing) {
        ErrorMapping.register(routing);
        ReferralService referralService = new ReferralService(db, referrals, escalation, reasons, audit, clock);
        int perMinute = settings.accountRequestsPerMinute();
        routing.addFilter(new AuthFilter(credentials, new RateLimiter(Math.max(1, perMinute / 5), perMinute, clock)));
        settings.oidc().ifPresent(o -> {
            OidcSignIn oidc = new OidcSignIn(o, db, credentials, audit, clock, settings.secureCookies());
            credentials.external(oidc);
            routing.register("/auth/oidc", oidc);
        });
        routing.register("/api/v1/auth", new AuthService(signIn, credentials,
                        clientAddress, hasher, db, audit, clock))
                .register("/api/v1/users", new UserService(db, hasher, credentials, audit, clock,
                        settings.oneTimePasswordTtl()))
                .register("/api/v1/service-key", new ServiceKeyService(signingKey))
                .register("/api/v1/questionnaires", new QuestionnaireService(questionnaires))
                .register("/api/v1/screenings", new ScreeningService(workflow, screenings, referrals, directory, reasons,
                        settings.maxPayloadBytes()))
                .register("/api/v1/organisations", new OrganisationService(db, directory, audit, clock,
                        settings.allowPrivateNetworks()))
                .register("/api/v1/audit", new AuditService(audit))
                .register("/api/v1/referrals", referralService)
                .register("/api/v1/inbox", referralService.inbox())
                .register("/api/v1/alerts", new AlertService(alerts, clock, credentials.streams()))
                .register("/api/v1/admin", keyRotation)
                .register("/api/v1/stats", new StatsService(db, directory, audit, settings.statsThreshold()))
                .register("/api/docs", new ApiDocsService());
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return db;
    }

    public ServiceSigningKey signingKey() {
        return signingKey;
    }

    public Sealer sealer() {
        return sealer;
    }

    public AuditLog audit() {
        return audit;
    }

    /** The demo password generated on first seeding, when none was configured; empty afterwards. */
    public Optional<String> generatedDemoPassword() {
        return demo.generatedPassword();
    }

    /** Whether this start created the demo users (false: demo off, or they existed with their old password). */
    public boolean demoUsersCreated() {
        return demo.usersCreated();
    }

    /** Tokens, browser sessions and live streams of the signed-in: for the web pages and for tests. */
    public Credentials credentials() {
        return credentials;
    }

    /** The one password check of every local sign-in (token route and web form). */
    public SignIn signIn() {
        return signIn;
    }

    /** The source address of a request as sign-in throttling counts it (for {@link SignIn#check}). */
    public ClientAddress clientAddress() {
        return clientAddress;
    }

    public KeyRotation keyRotation() {
        return keyRotation;
    }

    public Escalation escalation() {
        return escalation;
    }

    public DeliveryWorker delivery() {
        return delivery;
    }

    public AlertHub alerts() {
        return alerts;
    }

    @Override
    public void close() {
        workers.close();
        db.close();
    }

    private static String instanceId() {
        return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The keystore password: configured, or (embedded default only) generated once into the keys directory. */
    private static char[] keystorePassword(Settings settings, Path keysDir) {
        if (settings.keystorePassword().isPresent()) {
            return settings.keystorePassword().get().toCharArray();
        }
        Path file = keysDir.resolve("keystore.pass");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                SecureFiles.writePrivate(file, Base64.getEncoder().encodeToString(random));
                LOG.warning("nrm.keystore.password is not set: generated one in the data directory (development only)");
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
