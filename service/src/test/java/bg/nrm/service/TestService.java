package bg.nrm.service;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real service for tests: the whole application on a real HTTP port on loopback, with a temporary data directory,
 * a real SQLite file or a fresh schema in the real PostgreSQL, generated keys and a clock the test controls.
 */
public final class TestService implements AutoCloseable {
    public static final String PASSWORD = "demo-password-for-tests";
    public static final String PG_URL = System.getenv().getOrDefault("NRM_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    public final Application app;
    public final WebServer server;
    public final MutableClock clock;
    public final Api api;

    private TestService(Application app, WebServer server, MutableClock clock) {
        this.app = app;
        this.server = server;
        this.clock = clock;
        this.api = new Api("http://127.0.0.1:" + server.port());
    }

    /** Starts a service with its settings overridden by {@code overrides} (keys as in application.yaml). */
    public static TestService start(Path dataDir, MutableClock clock, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("server.host", "127.0.0.1");
        values.put("nrm.data-dir", dataDir.toString());
        values.put("nrm.demo.enabled", "true");
        values.put("nrm.demo.password", PASSWORD);
        values.put("nrm.demo.statistics", "false"); // tests count their own statistics rows
        values.put("nrm.keystore.password", "keystore-password-for-tests");
        values.put("nrm.workers.enabled", "false");
        values.putAll(overrides);
        Config config = Config.builder().addSource(ConfigSources.create(values)).disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource().build();
        Application app = Application.start(Settings.from(config), clock);
        WebServer server = Main.server(config, app).start();
        return new TestService(app, server, clock);
    }

    public static TestService sqlite(Path dataDir) {
        return start(dataDir, new MutableClock(), Map.of());
    }

    /**
     * A fresh PostgreSQL schema, so that test classes never see each other's rows. Every schema made here is dropped
     * when the test JVM exits.
     */
    public static String freshPostgresSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + PG_URL, e);
        }
        synchronized (SCHEMAS) {
            if (SCHEMAS.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestService::dropSchemas, "drop-test-schemas"));
            }
            SCHEMAS.add(schema);
        }
        return PG_URL + "&currentSchema=" + schema;
    }

    private static final List<String> SCHEMAS = new ArrayList<>();

    private static void dropSchemas() {
        try (Connection c = DriverManager.getConnection(PG_URL); Statement s = c.createStatement()) {
            synchronized (SCHEMAS) {
                for (String schema : SCHEMAS) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        } catch (SQLException e) {
            System.err.println("could not drop test schemas: " + e.getMessage());
        }
    }

    /** The single number a {@code SELECT COUNT(*) …} query answers, read straight from the service's database. */
    public long count(String sql) {
        return app.database().read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The single text a query answers (null when no row or a null value), read straight from the database. */
    public String string(String sql) {
        return app.database().read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Override
    public void close() {
        server.stop();
        app.close();
    }
}
