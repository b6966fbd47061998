package bg.nrm.service;

import bg.nrm.service.mail.MailSettings;
import bg.nrm.service.store.Database;
import io.helidon.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's settings. Each is read from, in order: a system property ({@code -Dnrm.data-dir=…}), an environment
 * variable ({@code NRM_DATA_DIR}), then {@code application.yaml}. Helidon's own environment mapping turns
 * {@code NRM_DATA_DIR} into {@code nrm.data.dir}, not {@code nrm.data-dir}, so the names are resolved here.
 */
public record Settings(int port,
                       String host,
                       Path dataDir,
                       Optional<String> dbUrl,
                       boolean demoEnabled,
                       Optional<String> demoPassword,
                       Optional<String> keystorePassword,
                       Duration tokenTtl,
                       int maxPayloadBytes,
                       int accountRequestsPerMinute,
                       Duration deliveryInitialBackoff,
                       int deliveryMaxAttempts,
                       Duration deliveryPollInterval,
                       Duration deliveryLease,
                       boolean allowPrivateNetworks,
                       boolean workersEnabled,
                       Duration retention,
                       boolean kekRotateOnStart,
                       int statsThreshold,
                       Duration sessionIdle,
                       Duration sessionLifetime,
                       Duration oneTimePasswordTtl,
                       java.util.Set<String> trustedProxies,
                       boolean secureCookies,
                       Optional<Oidc> oidc,
                       boolean demoStatistics,
                       MailSettings mail,
                       Hardening hardening,
                       boolean acceptQuestionnaireV1,
                       Database.Timeouts dbTimeouts) {

    /**
     * OpenID Connect, on when {@code nrm.oidc.issuer} is set.
     *
     * @param issuer          the provider's issuer URL (its discovery document is {@code <issuer>/.well-known/openid-configuration})
     * @param clientId        this service's client id at the provider (also an accepted audience)
     * @param clientSecret    the client secret, if the provider gave one (PKCE is used either way)
     * @param audience        the audience of access tokens the provider issues for this service (default: client id)
     * @param claim           the claim that names the local account's {@code externalSubject} (default {@code sub})
     * @param redirectUri     where the provider sends the browser back: {@code https://<host>/auth/oidc/callback}
     * @param clockSkew       tolerated clock difference for expiry and not-before
     * @param refetchInterval shortest time between two fetches of the provider's keys
     */
    public record Oidc(String issuer, String clientId, Optional<String> clientSecret, String audience, String claim,
                       Optional<String> redirectUri, Duration clockSkew, Duration refetchInterval) {
    }

    /** Reads the settings from Helidon config, system properties and the environment. */
    public static Settings from(Config config) {
        Hardening hardening = Hardening.from(config, (key, env) -> value(config, key, env));
        return new Settings(
                Integer.parseInt(value(config, "server.port", "SERVER_PORT").orElse("8080")),
                value(config, "server.host", "SERVER_HOST").orElse("127.0.0.1"),
                Path.of(value(config, "nrm.data-dir", "NRM_DATA_DIR").orElse("./data")).toAbsolutePath().normalize(),
                value(config, "nrm.db.url", "NRM_DB_URL").filter(s -> !s.isBlank()),
                // The demo directory is seeded by default only on the embedded default (SQLite), never silently
                // into a shared PostgreSQL database.
                value(config, "nrm.demo.enabled", "NRM_DEMO_ENABLED").map(Boolean::parseBoolean)
                        .orElse(value(config, "nrm.db.url", "NRM_DB_URL").filter(s -> !s.isBlank()).isEmpty()),
                value(config, "nrm.demo.password", "NRM_DEMO_PASSWORD").filter(s -> !s.isBlank()),
                value(config, "nrm.keystore.password", "NRM_KEYSTORE_PASSWORD").filter(s -> !s.isBlank()),
                Duration.parse(value(config, "nrm.auth.token-ttl", "NRM_AUTH_TOKEN_TTL").orElse("PT15M")),
                Integer.parseInt(value(config, "nrm.limits.max-payload-bytes", "NRM_MAX_PAYLOAD_BYTES").orElse("65536")),
                Integer.parseInt(value(config, "nrm.limits.account-requests-per-minute", "NRM_ACCOUNT_REQUESTS_PER_MINUTE")
                        .orElse("600")),
                Duration.parse(value(config, "nrm.delivery.initial-backoff", "NRM_DELIVERY_INITIAL_BACKOFF").orElse("PT5S")),
                Integer.parseInt(value(config, "nrm.delivery.max-attempts", "NRM_DELIVERY_MAX_ATTEMPTS").orElse("8")),
                Duration.parse(value(config, "nrm.delivery.poll-interval", "NRM_DELIVERY_POLL_INTERVAL").orElse("PT1S")),
                Duration.parse(value(config, "nrm.delivery.lease", "NRM_DELIVERY_LEASE").orElse("PT5M")),
                Boolean.parseBoolean(value(config, "nrm.delivery.allow-private-networks",
                        "NRM_DELIVERY_ALLOW_PRIVATE_NETWORKS").orElse("false")),
                Boolean.parseBoolean(value(config, "nrm.workers.enabled", "NRM_WORKERS_ENABLED").orElse("true")),
                Duration.parse(value(config, "nrm.retention.case-content", "NRM_RETENTION_CASE_CONTENT").orElse("P1825D")),
                Boolean.parseBoolean(value(config, "nrm.kek.rotate-on-start", "NRM_KEK_ROTATE_ON_START").orElse("false")),
                Math.max(3, Integer.parseInt(value(config, "nrm.stats.threshold", "NRM_STATS_THRESHOLD").orElse("5"))),
                Duration.parse(value(config, "nrm.auth.session-idle", "NRM_AUTH_SESSION_IDLE").orElse("PT30M")),
                Duration.parse(value(config, "nrm.auth.session-lifetime", "NRM_AUTH_SESSION_LIFETIME").orElse("PT12H")),
                Duration.parse(value(config, "nrm.auth.one-time-password-ttl", "NRM_AUTH_ONE_TIME_PASSWORD_TTL")
                        .orElse("P3D")),
                java.util.Arrays.stream(value(config, "nrm.auth.trusted-proxies", "NRM_AUTH_TRUSTED_PROXIES").orElse("")
                        .split(",")).map(String::strip).filter(x -> !x.isEmpty())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()),
                // Secure cookies whenever the server speaks TLS, or when a TLS-terminating proxy is in front of it.
                value(config, "nrm.auth.secure-cookies", "NRM_AUTH_SECURE_COOKIES").map(Boolean::parseBoolean)
                        .orElse(hardening.tls()),
                oidc(config),
                // Made-up statistics rows for the demo's commissions; only with the demo, never on real data.
                value(config, "nrm.demo.statistics", "NRM_DEMO_STATISTICS").map(Boolean::parseBoolean).orElse(true)
                        && value(config, "nrm.demo.enabled", "NRM_DEMO_ENABLED").map(Boolean::parseBoolean)
                        .orElse(value(config, "nrm.db.url", "NRM_DB_URL").filter(s -> !s.isBlank()).isEmpty()),
                mail(config),
                hardening,
                // Forms already open in a browser may still send version 1 while this is true (RULESET-2.md §1).
                Boolean.parseBoolean(value(config, "nrm.questionnaires.accept-v1", "NRM_QUESTIONNAIRES_ACCEPT_V1")
                        .orElse("true")),
                dbTimeouts(config));
    }

    private static Database.Timeouts dbTimeouts(Config config) {
        Database.Timeouts d = Database.Timeouts.DEFAULTS;
        return new Database.Timeouts(
                value(config, "nrm.db.busy-timeout", "NRM_DB_BUSY_TIMEOUT").map(Duration::parse).orElse(d.busy()),
                value(config, "nrm.db.connect-timeout", "NRM_DB_CONNECT_TIMEOUT").map(Duration::parse).orElse(d.connect()),
                value(config, "nrm.db.socket-timeout", "NRM_DB_SOCKET_TIMEOUT").map(Duration::parse).orElse(d.socket()),
                value(config, "nrm.db.statement-timeout", "NRM_DB_STATEMENT_TIMEOUT").map(Duration::parse)
                        .orElse(d.statement()),
                value(config, "nrm.db.lock-timeout", "NRM_DB_LOCK_TIMEOUT").map(Duration::parse).orElse(d.lock()));
    }

    private static MailSettings mail(Config config) {
        return new MailSettings(
                value(config, "nrm.mail.smtp.host", "NRM_MAIL_SMTP_HOST").filter(s -> !s.isBlank()),
                Integer.parseInt(value(config, "nrm.mail.smtp.port", "NRM_MAIL_SMTP_PORT").orElse("587")),
                value(config, "nrm.mail.from", "NRM_MAIL_FROM").filter(s -> !s.isBlank()),
                value(config, "nrm.mail.smtp.user", "NRM_MAIL_SMTP_USER").filter(s -> !s.isBlank()),
                value(config, "nrm.mail.smtp.password", "NRM_MAIL_SMTP_PASSWORD").filter(s -> !s.isBlank()),
                value(config, "nrm.mail.inbox-link", "NRM_MAIL_INBOX_LINK").filter(s -> !s.isBlank()),
                Duration.parse(value(config, "nrm.mail.initial-backoff", "NRM_MAIL_INITIAL_BACKOFF").orElse("PT1M")),
                Integer.parseInt(value(config, "nrm.mail.max-attempts", "NRM_MAIL_MAX_ATTEMPTS").orElse("6")),
                value(config, "nrm.mail.smtp.connect-timeout", "NRM_MAIL_SMTP_CONNECT_TIMEOUT").map(Duration::parse)
                        .orElse(MailSettings.CONNECT_TIMEOUT),
                value(config, "nrm.mail.smtp.timeout", "NRM_MAIL_SMTP_TIMEOUT").map(Duration::parse)
                        .orElse(MailSettings.TIMEOUT));
    }

    private static Optional<Oidc> oidc(Config config) {
        Optional<String> issuer = value(config, "nrm.oidc.issuer", "NRM_OIDC_ISSUER").filter(s -> !s.isBlank());
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        String clientId = value(config, "nrm.oidc.client-id", "NRM_OIDC_CLIENT_ID").filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("nrm.oidc.client-id is required with nrm.oidc.issuer"));
        return Optional.of(new Oidc(issuer.get(), clientId,
                value(config, "nrm.oidc.client-secret", "NRM_OIDC_CLIENT_SECRET").filter(s -> !s.isBlank()),
                value(config, "nrm.oidc.audience", "NRM_OIDC_AUDIENCE").filter(s -> !s.isBlank()).orElse(clientId),
                value(config, "nrm.oidc.claim", "NRM_OIDC_CLAIM").filter(s -> !s.isBlank()).orElse("sub"),
                value(config, "nrm.oidc.redirect-uri", "NRM_OIDC_REDIRECT_URI").filter(s -> !s.isBlank()),
                Duration.parse(value(config, "nrm.oidc.clock-skew", "NRM_OIDC_CLOCK_SKEW").orElse("PT60S")),
                Duration.parse(value(config, "nrm.oidc.jwks-refetch-interval", "NRM_OIDC_JWKS_REFETCH_INTERVAL")
                        .orElse("PT10S"))));
    }

    /** True when the database is PostgreSQL rather than the embedded SQLite file. */
    public boolean postgres() {
        return dbUrl.map(u -> u.startsWith("jdbc:postgresql:")).orElse(false);
    }

    /** The JDBC URL in use: the configured one, or the SQLite file under the data directory. */
    public String jdbcUrl() {
        return dbUrl.orElse("jdbc:sqlite:" + dataDir.resolve("nrm.db"));
    }

    private static Optional<String> value(Config config, String key, String env) {
        String fromProperty = System.getProperty(key);
        if (fromProperty != null) {
            return Optional.of(fromProperty);
        }
        String fromEnv = System.getenv(env);
        if (fromEnv != null) {
            return Optional.of(fromEnv);
        }
        return config.get(key).asString().asOptional();
    }
}
