package bg.nrm.service;

import bg.nrm.service.http.SecurityHeaders;
import bg.nrm.service.transport.DirectErrors;
import bg.nrm.service.transport.ServerTls;
import io.helidon.common.socket.SocketOptions;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** Starts the service: settings, the application's parts, and the web server. */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(help());
            return;
        }
        LogConfig.configureRuntime();
        Config config = Config.create();
        Settings settings = Settings.from(config);
        Application app = Application.create(settings, Clock.systemUTC());
        WebServer server = server(config, app).start();
        // The background jobs (delivery, escalation, the replay backfill …) once the server listens: they need no
        // start of their own and would otherwise take the CPU from it.
        app.startWorkers();
        demoPasswordNotice(settings, app).ifPresent(System.out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            app.close();
        }, "nrm-shutdown"));
        // Recipients check this against what they were told out of band before trusting a referral's signature.
        System.out.println("Service signing key fingerprint (verify it out of band, see README): "
                + app.signingKey().fingerprint());
        LOG.info(() -> "NRM service listening on " + (settings.hardening().tls() ? "https://" : "http://")
                + settings.host() + ":" + server.port()
                + settings.hardening().adminPort().map(p -> " (health and metrics on http://127.0.0.1:"
                        + server.port(ADMIN_SOCKET) + "/observe)").orElse("")
                + " (" + (settings.postgres() ? "PostgreSQL" : "SQLite " + settings.jdbcUrl()) + ")"
                + startedIn());
    }

    /**
     * How long the start took, from the JVM's start to now. (Not the process's start: {@code ./run.sh} execs java in
     * its own process after building, which would count the build.)
     */
    private static String startedIn() {
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        return String.format(" in %.2f s", Duration.between(Instant.ofEpochMilli(started), Instant.now()).toMillis() / 1000.0);
    }

    /** The settings, their environment variables and defaults, as {@code --help} prints them. */
    static String help() {
        try (InputStream in = Main.class.getResourceAsStream("help.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What to tell the person starting the demo about its password: the generated one (once), or that existing demo
     * users keep the password they were created with, and how to start afresh. Empty without the demo.
     */
    static Optional<String> demoPasswordNotice(Settings settings, Application app) {
        if (!settings.demoEnabled()) {
            return Optional.empty();
        }
        Optional<String> generated = app.generatedDemoPassword();
        if (generated.isPresent()) {
            return Optional.of("Демо потребителите са създадени. Паролата им (показва се само сега): " + generated.get()
                    + "\nDemo users created. Their password (shown only now, not stored in clear): " + generated.get());
        }
        if (app.demoUsersCreated()) {
            return Optional.of("Демо потребителите са създадени с паролата от nrm.demo.password."
                    + "\nDemo users created with the password given in nrm.demo.password (NRM_DEMO_PASSWORD).");
        }
        return Optional.of("Демо потребителите вече съществуват в " + settings.dataDir() + " и пазят паролата, с която"
                + " са създадени; nrm.demo.password важи само при създаването им. За нов старт спрете услугата и"
                + " изтрийте " + settings.dataDir() + " (или задайте друга NRM_DATA_DIR)."
                + "\nDemo users already exist in " + settings.dataDir() + " and keep the password they were created"
                + " with; nrm.demo.password applies only when they are created. To start afresh, stop the service and"
                + " delete " + settings.dataDir() + " (or set another NRM_DATA_DIR).");
    }

    /** The name of the listener that serves the observe endpoints when {@code nrm.admin.port} is set. */
    static final String ADMIN_SOCKET = "admin";

    /**
     * The web server for {@code app}, configured from the {@code server} section and the settings: TLS when
     * {@code nrm.tls.keystore} is set, and the observe endpoints (health, metrics) on a second listener bound to
     * 127.0.0.1 only when {@code nrm.admin.port} is set.
     */
    static WebServer server(Config config, Application app) {
        Settings s = app.settings();
        Hardening h = s.hardening();
        WebServerConfig.Builder builder = WebServer.builder().config(config.get("server"));
        // TCP_NODELAY: an answer written in more than one piece (a page of 13 KB gzipped) otherwise waits for the
        // client's delayed ACK, about 40 ms on every kept-alive connection a browser reuses (bench/web-bench.sh).
        SocketOptions configured = builder.connectionOptions().orElseGet(() -> SocketOptions.builder().build());
        builder.connectionOptions(SocketOptions.builder().from(configured).tcpNoDelay(true).build())
                .host(s.host())
                .port(s.port())
                // Helidon's own cap is a backstop at twice ours; ours answers with problem+json.
                .maxPayloadSize(2L * s.maxPayloadBytes())
                .maxConcurrentRequests(h.maxConcurrentRequests())
                .idleConnectionTimeout(h.idleTimeout())
                // HTTP/1.1 only, through the guard (per-address limits, read deadlines); no protocol found by
                // service loading may bypass it.
                .protocolsDiscoverServices(false)
                .addConnectionSelector(app.connectionGuard())
                .directHandlers(DirectErrors.all(h.tls()))
                .routing(app::routing);
        h.tlsKeystore().ifPresent(keystore -> builder.tls(ServerTls.create(keystore,
                h.tlsKeystorePassword().orElseThrow(), h.tlsTruststore(),
                h.tlsTruststorePassword().or(h::tlsKeystorePassword).orElseThrow(), h.tlsClientAuth())));
        h.adminPort().ifPresent(adminPort -> {
            // Loopback only, whatever server.host says: operators and scrapers on this machine, nobody else.
            builder.putSocket(ADMIN_SOCKET, socket -> socket.host("127.0.0.1").port(adminPort)
                    .maxConcurrentRequests(16)
                    .idleConnectionTimeout(h.idleTimeout()));
            // Its answers carry the same hardening headers as every other (plain HTTP there, so no HSTS).
            builder.routing(ADMIN_SOCKET, routing -> routing.addFilter(SecurityHeaders.create(false)));
            // The same feature Helidon would discover (same type and name, so it replaces that one), on the admin
            // listener instead of the public one.
            builder.addFeature(ObserveFeature.builder()
                    .config(config.get("server.features.observe"))
                    .name("observe")
                    .sockets(List.of(ADMIN_SOCKET))
                    .build());
        });
        return builder.build();
    }
}
