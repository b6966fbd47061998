package bg.nrm.service;

import bg.nrm.service.transport.DirectErrors;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

import java.time.Clock;
import java.util.logging.Logger;

/** Starts the service: settings, the application's parts, and the web server. */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Settings settings = Settings.from(config);
        Application app = Application.start(settings, Clock.systemUTC());
        WebServer server = server(config, app).start();
        app.generatedDemoPassword().ifPresent(p -> System.out.println(
                "Demo users created. Their password (shown once, not stored in clear): " + p));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            app.close();
        }, "nrm-shutdown"));
        LOG.info(() -> "NRM service listening on http://" + settings.host() + ":" + server.port()
                + " (" + (settings.postgres() ? "PostgreSQL" : "SQLite " + settings.jdbcUrl()) + ")");
    }

    /** The web server for {@code app}, configured from the {@code server} section and the settings. */
    static WebServer server(Config config, Application app) {
        Settings s = app.settings();
        Hardening h = s.hardening();
        return WebServer.builder()
                .config(config.get("server"))
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
                .routing(app::routing)
                .build();
    }
}
