package bg.nrm.service;

import bg.nrm.keys.AuditMac;
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
import bg.nrm.service.audit.AuditCheckpoints;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.audit.AuditTrail;
import bg.nrm.service.auth.AccessTokens;
import bg.nrm.service.auth.AuthFilter;
import bg.nrm.service.auth.AuthService;
import bg.nrm.service.auth.ClientAddress;
import bg.nrm.service.auth.Credentials;
import bg.nrm.service.auth.LiveStreams;
import bg.nrm.service.auth.OidcSignIn;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.RateLimiter;
import bg.nrm.service.auth.SignIn;
import bg.nrm.service.auth.UserService;
import bg.nrm.service.auth.UserStore;
import bg.nrm.service.auth.WebSessions;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.DemoSeed;
import bg.nrm.service.directory.KeyChangeNotice;
import bg.nrm.service.directory.KeyChanges;
import bg.nrm.service.directory.OrganisationService;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.directory.ServiceKeyService;
import bg.nrm.service.directory.WebKeyDirectoryService;
import bg.nrm.service.directory.WebhookSecrets;
import bg.nrm.service.http.ErrorMapping;
import bg.nrm.service.http.Json;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.http.SecurityHeaders;
import bg.nrm.service.mail.Mailer;
import bg.nrm.service.metrics.Meters;
import bg.nrm.service.referral.AlertHub;
import bg.nrm.service.referral.AlertService;
import bg.nrm.service.referral.DeliveryChannel;
import bg.nrm.service.referral.DeliveryChannels;
import bg.nrm.service.referral.DeliveryWorker;
import bg.nrm.service.referral.EmailChannel;
import bg.nrm.service.referral.Escalation;
import bg.nrm.service.referral.FollowUpService;
import bg.nrm.service.referral.RecipientKeys;
import bg.nrm.service.referral.ReferralFactory;
import bg.nrm.service.referral.ReferralService;
import bg.nrm.service.referral.ReferralSources;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.referral.ScreenerContacts;
import bg.nrm.service.referral.SealedReasons;
import bg.nrm.service.referral.WebhookChannel;
import bg.nrm.service.replay.ReplayBackfill;
import bg.nrm.service.replay.ReplayOutcomes;
import bg.nrm.service.replay.ReplayService;
import bg.nrm.service.screening.QuestionnaireService;
import bg.nrm.service.screening.Retention;
import bg.nrm.service.screening.ScreeningList;
import bg.nrm.service.screening.ScreeningService;
import bg.nrm.service.screening.ScreeningWorkflow;
import bg.nrm.service.stats.DemoStatistics;
import bg.nrm.service.stats.StatsService;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.SecureFiles;
import bg.nrm.service.store.SqliteLibrary;
import bg.nrm.service.transport.ConnectionGuard;
import bg.nrm.service.web.AdminPages;
import bg.nrm.service.web.Assets;
import bg.nrm.service.web.AuditPages;
import bg.nrm.service.web.CommissionPages;
import bg.nrm.service.web.RecipientPages;
import bg.nrm.service.web.ScreenerPages;
import bg.nrm.service.web.SignInPages;
import bg.nrm.service.web.Web;
import bg.nrm.service.web.WebAuth;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The service's parts, wired once: storage, keys, rules, and the HTTP services. Tests build it with a temporary data
 * directory and a clock they control, and reuse {@link #routing(HttpRouting.Builder)} on a real server.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Application.class.getName());
    // Screenings replayed per background batch: about a second of work, and one short write transaction.
    private static final int REPLAY_BACKFILL_BATCH = 500;

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
    private final ReplayBackfill replayBackfill;
    private final Questionnaires questionnaires;
    private final DemoSeed.Result demo;
    private final Escalation escalation;
    private final DeliveryWorker delivery;
    private final AlertHub alerts;
    private final Workers workers = new Workers();
    private final KeyRotation keyRotation;
    private final SealedReasons reasons;
    private final WebhookSecrets webhookSecrets;
    private final ReferralFactory referralFactory;
    private final ConnectionGuard connectionGuard;
    private final KeyChanges keyChanges;
    private final AuditCheckpoints checkpoints;
    private final Credentials credentials;
    private final SignIn signIn;
    private final ClientAddress clientAddress;
    private final Router router;

    private Application(Settings settings, Clock clock) {
        // Before anything is opened: contradictory TLS or admin-socket settings stop the start.
        settings.hardening().check();
        this.settings = settings;
        this.clock = clock;
        Path keysDir = SecureFiles.privateDirectory(SecureFiles.privateDirectory(settings.dataDir()).resolve("keys"));
        if (!settings.postgres() && settings.dbUrl().isEmpty()) {
            SecureFiles.privateDatabaseFile(settings.dataDir().resolve("nrm.db"));
        }
        if (!settings.postgres()) {
            SqliteLibrary.useCopyIn(settings.dataDir());
        }
        // The slow independent parts of a start run side by side instead of one after another (they were about 2 s
        // of CPU in a row): the keystore's password KDF with the keys read at start, the service key, and the rule
        // bases, while this thread opens and migrates the database.
        try (StartTasks parts = new StartTasks()) {
            CompletableFuture<KeyEncryptionKeys> keystore = parts.submit(() -> unlockedKeystore(settings, keysDir));
            // Mail clients accept a signature on mail only from a key whose user id is the From address.
            CompletableFuture<ServiceSigningKey> serviceKey = parts.submit(() -> settings.mail().from()
                    .map(from -> ServiceSigningKey.loadOrCreate(keysDir).withEmailUserId(from, keysDir))
                    .orElseGet(() -> ServiceSigningKey.loadOrCreate(keysDir)));
            CompletableFuture<Router> rules = parts.submit(() -> {
                RiskAssessor.create();
                return Router.create();
            });
            this.db = Database.open(settings.jdbcUrl(), settings.dbTimeouts());
            Meters.databaseWriter(db::writerFigures);
            try {
                this.keks = StartTasks.await(keystore);
                this.signingKey = StartTasks.await(serviceKey);
                this.router = StartTasks.await(rules);
            } catch (RuntimeException | Error e) {
                db.close();
                throw e;
            }
        }
        this.audit = new AuditLog(db, clock, AuditMac.withKey(keks.auditKeyMaterial()));
        this.sealer = Sealer.using(keks);
        this.tokens = TokenService.create(keks.tokenKeyMaterial(), "nrm-service", clock);
        this.hasher = PasswordHasher.argon2id();
        this.checkpoints = new AuditCheckpoints(audit, signingKey, settings.dataDir(), clock);
        audit.anchorTo(checkpoints);
        this.directory = new OrganisationStore(db);
        this.webhookSecrets = new WebhookSecrets(directory, sealer);
        this.screenings = new ScreeningStore(db);
        this.referrals = new ReferralStore(db);
        this.questionnaires = Questionnaires.builtIn();
        RecipientKeys recipientKeys = new RecipientKeys(directory);
        this.referralFactory = new ReferralFactory(signingKey, questionnaires,
                new ScreenerContacts(new UserStore(db)));
        this.workflow = new ScreeningWorkflow(db, questionnaires, RiskAssessor.create(), router, directory,
                recipientKeys, referralFactory, sealer, audit, clock).acceptVersionOne(settings.acceptQuestionnaireV1());
        ReplayOutcomes replayOutcomes = new ReplayOutcomes(sealer, RiskAssessor.create(), router, questionnaires);
        workflow.precomputeReplay(replayOutcomes);
        this.replayBackfill = new ReplayBackfill(db, replayOutcomes, directory, clock, REPLAY_BACKFILL_BATCH);
        this.escalation = new Escalation(db, directory, recipientKeys, referralFactory, screenings, sealer, router,
                audit, clock);
        Optional<Mailer> mailer = settings.mail().enabled() ? Optional.of(new Mailer(settings.mail())) : Optional.empty();
        this.delivery = new DeliveryWorker(db, clock, instanceId(), settings.deliveryLease(), new DeliveryChannels(
                new WebhookChannel(webhookSecrets, new DeliveryChannel.RetryPolicy(settings.deliveryInitialBackoff(),
                        settings.deliveryMaxAttempts()), settings.allowPrivateNetworks(), clock),
                mailer.map(EmailChannel::new)));
        this.alerts = new AlertHub(referrals, clock::millis, settings.hardening().alertStreamsPerAccount());
        this.keyRotation = new KeyRotation(db, keks, sealer, audit);
        this.reasons = new SealedReasons(screenings, sealer);
        this.keyChanges = new KeyChanges(db, directory, audit, clock, (org, event, id, data) -> {
            alerts.announce(org, new AlertHub.Event(event, id, Json.writeString(data)));
            mailer.ifPresent(m -> mailKeyEvent(m, org, data));
        });
        Hardening h = settings.hardening();
        this.connectionGuard = ConnectionGuard.create(new ConnectionGuard.Limits(h.connectionsPerAddress(),
                h.requestReadTimeout(), h.readStallTimeout(), h.idleTimeout()), Http1Config.create(), h.tls());
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
     * background jobs (delivery, escalation, alerts, retention, the replay backfill) unless {@code nrm.workers.enabled}
     * is false.
     */
    public static Application start(Settings settings, Clock clock) {
        Application app = create(settings, clock);
        app.startWorkers();
        return app;
    }

    /**
     * Opens storage, migrates it, loads or creates keys and seeds the demo directory when enabled, without the
     * background jobs: {@link Main} starts those with {@link #startWorkers()} once the server listens, so that they do
     * not take the CPU from the start.
     */
    public static Application create(Settings settings, Clock clock) {
        Application app = new Application(settings, clock);
        if (settings.kekRotateOnStart()) {
            KeyRotation.Rotated rotated = app.keyRotation.rotate();
            app.audit.append("system", "KEK_ROTATED", rotated.primary(), rotated.rewrapped() + " data key(s) re-wrapped at start");
        }
        return app;
    }

    /** Starts the background jobs, unless {@code nrm.workers.enabled} is false. */
    public void startWorkers() {
        if (settings.workersEnabled()) {
            Duration poll = settings.deliveryPollInterval();
            workers.every("alerts", poll, alerts::poll);
            workers.every("delivery", poll, delivery::runOnce);
            workers.every("escalation", poll, escalation::escalateOverdue);
            workers.every("retention", Duration.ofHours(1), this::shredExpired);
            workers.every("key-expiry", Duration.ofHours(1), keyChanges::warnExpiring);
            workers.every("audit-checkpoint", settings.hardening().auditCheckpointInterval(), checkpoints::write);
            workers.every("credentials", Duration.ofMinutes(10), credentials::purgeExpired);
            workers.every("replay-backfill", Duration.ofMillis(200), replayBackfill::runBatch);
        }
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
        // First: the guard learns where each request ends, and every answer carries the hardening headers.
        routing.addFilter(connectionGuard.filter());
        routing.addFilter(SecurityHeaders.create(settings.hardening().tls()));
        // Per client address, signed in or not: a brake on floods from one place (429 problem above).
        int perAddress = settings.hardening().addressRequestsPerMinute();
        RateLimiter addressLimiter = new RateLimiter(Math.max(1, perAddress / 5), perAddress, clock);
        ClientAddress clientAddress = new ClientAddress(settings.trustedProxies());
        routing.addFilter((chain, req, res) -> {
            if (!req.path().path().startsWith("/observe/health") && !addressLimiter.tryAcquire(clientAddress.of(req))) {
                throw ProblemException.tooManyRequests();
            }
            chain.proceed();
        });
        ErrorMapping.register(routing, (req, problem) -> req.context().get(Principal.class).ifPresent(p ->
                audit.append(p.username(), "ACCESS_DENIED", ErrorMapping.auditPath(req), null)));
        ReferralService referralService = new ReferralService(db, referrals, escalation, reasons, audit, clock);
        StatsService stats = new StatsService(db, directory, audit, settings.statsThreshold());
        OrganisationService organisations = new OrganisationService(db, directory, audit, clock,
                settings.allowPrivateNetworks(), webhookSecrets);
        UserService users = new UserService(db, hasher, credentials, audit, clock, settings.oneTimePasswordTtl());
        int perMinute = settings.accountRequestsPerMinute();
        routing.addFilter(new AuthFilter(credentials, new RateLimiter(Math.max(1, perMinute / 5), perMinute, clock)));
        // The pages' shared parts, made here because the OpenID Connect callback answers with one of its pages.
        Assets assets = new Assets();
        Web web = new Web(assets);
        settings.oidc().ifPresent(o -> {
            OidcSignIn oidc = new OidcSignIn(o, db, credentials, audit, clock, settings.secureCookies(),
                    SignInPages.continueAfterSignIn(web));
            credentials.external(oidc);
            routing.register("/auth/oidc", oidc);
        });
        FollowUpService followUp = new FollowUpService(db, referrals, new ReferralSources(screenings, directory, sealer),
                referralFactory, directory, reasons, audit, clock);
        AuthService authService = new AuthService(signIn, credentials, clientAddress, hasher, db, audit, clock);
        routing.register("/api/v1/auth", authService)
                .register("/api/v1/users", users)
                .register("/api/v1/service-key", new ServiceKeyService(signingKey))
                .register("/.well-known/openpgpkey", new WebKeyDirectoryService(signingKey))
                .register("/api/v1/questionnaires", new QuestionnaireService(questionnaires))
                .register("/api/v1/screenings", new ScreeningService(workflow, screenings, referrals, directory, reasons,
                        settings.maxPayloadBytes(), audit, settings.hardening().screeningsInProgress()))
                .register("/api/v1/organisations", organisations)
                .register("/api/v1/organisations", keyChanges)
                .register("/api/v1/audit", new AuditService(audit, checkpoints))
                .register("/api/v1/referrals", referralService)
                .register("/api/v1/referrals", followUp)
                .register("/api/v1/inbox", referralService.inbox())
                .register("/api/v1/alerts", new AlertService(alerts, clock, credentials.streams()))
                .register("/api/v1/admin", keyRotation)
                .register("/api/v1/stats", stats)
                .register("/api/docs", new ApiDocsService())
                .register("/api/v1/replay", new ReplayService(db, screenings, directory, sealer, RiskAssessor.create(),
                        router, questionnaires, replayBackfill, audit, settings.statsThreshold()));
        webRouting(routing, web, assets, referralService, followUp, authService, stats, organisations, users);
    }

    /** The web pages (issue 12): every page handler admits only a browser session, except sign-in ({@link Web#guard}). */
    private void webRouting(HttpRouting.Builder routing, Web web, Assets assets, ReferralService referralService,
                            FollowUpService followUp, AuthService authService, StatsService stats,
                            OrganisationService organisations, UserService users) {
        WebSessions sessions = credentials.sessions();
        WebAuth webAuth = new WebAuth(sessions);
        RecipientPages recipient = new RecipientPages(web, referralService, followUp, referrals, directory, clock);
        routing.addFilter(webAuth)
                .register("/assets", assets)
                .register("/", new SignInPages(web, webAuth, sessions, signIn, authService, clientAddress,
                        settings.oidc().isPresent()))
                .register("/inbox", recipient.inbox())
                .register("/referrals", recipient)
                .register("/screenings", new ScreenerPages(web, questionnaires, workflow, screenings,
                        new ScreeningList(db, referrals), referrals, directory, clock))
                .register("/stats", new CommissionPages(web, stats, clock))
                .register("/audit", new AuditPages(web, audit, new AuditTrail(db)))
                .register("/admin", new AdminPages(web, organisations, keyChanges, users));
    }

    /** The background replay backfill (its worker runs a batch at a time; tests and benchmarks drive it). */
    public ReplayBackfill replayBackfill() {
        return replayBackfill;
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

    /** Key uploads, confirmations and expiry warnings. */
    public KeyChanges keyChanges() {
        return keyChanges;
    }

    /** The connection limits and read deadlines in front of the HTTP listener. */
    public ConnectionGuard connectionGuard() {
        return connectionGuard;
    }

    /** The signed checkpoints of the audit chain's head. */
    public AuditCheckpoints auditCheckpoints() {
        return checkpoints;
    }

    @Override
    public void close() {
        connectionGuard.close();
        workers.close();
        try {
            checkpoints.write();
        } catch (RuntimeException e) {
            LOG.warning("could not write the closing audit checkpoint: " + e.getClass().getSimpleName());
        }
        db.close();
    }

    private static String instanceId() {
        return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The keystore with the keys every start reads (opening it runs the password KDF once and unlocks every key;
     * a keystore of the earlier BCFKS layout is converted here): the audit and token MAC keys, created on a first
     * start, and the primary KEK's cipher (by wrapping one throw-away data key).
     */
    private static KeyEncryptionKeys unlockedKeystore(Settings settings, Path keysDir) {
        KeyEncryptionKeys keks = openKeystore(settings, keysDir);
        Arrays.fill(keks.auditKeyMaterial(), (byte) 0);
        Arrays.fill(keks.tokenKeyMaterial(), (byte) 0);
        Sealer.using(keks).newDataKey();
        return keks;
    }

    private static KeyEncryptionKeys openKeystore(Settings settings, Path keysDir) {
        return KeyEncryptionKeys.openOrCreate(keysDir.resolve("kek.bcfks"), keystorePassword(settings, keysDir));
    }

    /** The audit chain's MAC, with its key from the keystore (for tools that write audit entries outside the service). */
    public static AuditMac auditMac(Settings settings) {
        Path keysDir = SecureFiles.privateDirectory(SecureFiles.privateDirectory(settings.dataDir()).resolve("keys"));
        return AuditMac.withKey(openKeystore(settings, keysDir).auditKeyMaterial());
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

    // A key event also goes by e-mail where the organisation has an address: best effort, off the request's thread
    // (SMTP has its own timeouts), and never with case data. The alert stream and the audit log hold it regardless.
    private void mailKeyEvent(Mailer mailer, String organisationId, Object data) {
        if (!(data instanceof KeyChanges.KeyEvent event)) {
            return;
        }
        Optional<String> email = directory.find(organisationId).map(o -> o.contacts().email())
                .filter(e -> e != null && !e.isBlank());
        email.ifPresent(to -> Thread.ofVirtual().name("nrm-key-mail").start(() -> {
            try {
                mailer.send(mailer.notice(to, "key-" + event.status() + "-" + event.fingerprint(), KeyChangeNotice.SUBJECT,
                        KeyChangeNotice.text(event)));
            } catch (RuntimeException e) {
                LOG.warning(() -> "key change e-mail to organisation " + organisationId + " failed: "
                        + e.getClass().getSimpleName());
            }
        }));
    }
}
