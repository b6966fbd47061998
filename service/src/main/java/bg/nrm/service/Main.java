package bg.nrm.service;

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
        // Recipients check this against what they were told out of band before trusting a referral's signature.
        System.out.println("Service signing key fingerprint (verify it out of band, see README): "
                + app.signingKey().fingerprint());
        LOG.info(() -> "NRM service listening on http://" + settings.host() + ":" + server.port()
                + " (" + (settings.postgres() ? "PostgreSQL" : "SQLite " + settings.jdbcUrl()) + ")");
    }

    /** The web server for {@code app}, configured from the {@code server} section and the settings. */
    static WebServer server(Config config, Application app) {
        Settings s = app.settings();
        return WebServer.builder()
                .config(config.get("server"))
                .host(s.host())
                .port(s.port())
                // Helidon's own cap is a backstop at twice ours; ours answers with problem+json.
                .maxPayloadSize(2L * s.maxPayloadBytes())
                .routing(app::routing)
                .build();
    }
}
