package bg.nrm.service;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
        Application app = Application.start(settings, Clock.systemUTC());
        WebServer server = server(config, app).start();
        demoPasswordNotice(settings, app).ifPresent(System.out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            app.close();
        }, "nrm-shutdown"));
        LOG.info(() -> "NRM service listening on http://" + settings.host() + ":" + server.port()
                + " (" + (settings.postgres() ? "PostgreSQL" : "SQLite " + settings.jdbcUrl()) + ")");
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
