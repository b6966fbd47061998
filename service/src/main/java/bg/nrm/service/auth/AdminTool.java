package bg.nrm.service.auth;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.service.Settings;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.store.Database;
import io.helidon.config.Config;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code nrm-admin}: the first administrator of a fresh deployment (no demo), created once against the configured
 * database (the same settings as the service: {@code NRM_DB_URL}, {@code NRM_DATA_DIR}, …).
 *
 * <pre>nrm-admin create-admin --username NAME [--display-name "Name Surname"] [--phone "+359 …"]</pre>
 *
 * The password is read from the terminal (asked twice, not echoed) or, without a terminal, from the first line of
 * standard input; never from an argument, where it would stay in the shell history and the process list. Refused
 * once an enabled administrator exists: further accounts are made by an administrator through the API.
 */
public final class AdminTool {
    private static final String USAGE = """
            Употреба / usage:
              nrm-admin create-admin --username NAME [--display-name "Име Фамилия"] [--phone "+359 …"]
            Паролата се въвежда от терминала или от стандартния вход / the password is read from the terminal or stdin.
            """;

    private AdminTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Config.create(), System.console(), System.in, System.out, System.err));
    }

    /** Runs one command; returns the process exit code (0 done, 1 refused, 2 usage). */
    public static int run(String[] args, Config config, Console console, InputStream in, PrintStream out,
                          PrintStream err) {
        if (args.length == 0 || !args[0].equals("create-admin")) {
            err.print(USAGE);
            return 2;
        }
        Optional<String> username = option(args, "--username");
        if (username.isEmpty() || !AccountFields.USERNAME.matcher(username.get()).matches()) {
            err.println("--username: 2 до 64 знака: a-z, 0-9, . _ - / 2 to 64 characters: a-z, 0-9, . _ -");
            return 2;
        }
        List<bg.nrm.service.http.Problem.FieldProblem> errors = new ArrayList<>();
        String displayName = AccountFields.displayName(option(args, "--display-name").orElse("Администратор"), true,
                errors);
        String phone = AccountFields.phone(option(args, "--phone").orElse(null), errors);
        if (!errors.isEmpty()) {
            errors.forEach(e -> err.println("--" + (e.field().equals("displayName") ? "display-name" : e.field()) + ": "
                    + e.message()));
            return 2;
        }
        char[] password = readPassword(console, in, err);
        if (password == null) {
            return 1;
        }
        try {
            Optional<String> problem = PasswordPolicy.problem(new String(password), username.get());
            if (problem.isPresent()) {
                err.println("Паролата не е приета / password refused: " + problem.get());
                return 1;
            }
            Settings settings = Settings.from(config);
            return create(settings, username.get(), displayName, phone, password, out, err);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static int create(Settings settings, String username, String displayName, String phone, char[] password,
                              PrintStream out, PrintStream err) {
        PasswordHasher hasher = PasswordHasher.argon2id();
        char[] normalised = PasswordPolicy.normalise(new String(password)).toCharArray();
        String hash = hasher.hash(normalised);
        Arrays.fill(normalised, '\0');
        Clock clock = Clock.systemUTC();
        if (!settings.postgres()) {
            bg.nrm.service.store.SecureFiles.privateDirectory(settings.dataDir());
        }
        try (Database db = Database.open(settings.jdbcUrl())) {
            AuditLog audit = new AuditLog(db, clock);
            long now = clock.millis();
            String outcome = db.inTransaction(c -> {
                if (UserStore.anyAdministrator(c)) {
                    return "an administrator exists";
                }
                UserStore.User admin = new UserStore.User(username, hash, Role.ADMIN, null, displayName, phone, true,
                        false, null, null, now);
                if (!UserStore.insertIfAbsent(c, admin, now)) {
                    return "the username is taken";
                }
                audit.append(c, "nrm-admin", "ADMIN_BOOTSTRAPPED", username, null);
                return null;
            });
            if (outcome != null) {
                err.println("Отказано: вече има администратор или името е заето; следващите профили се създават през "
                        + "API / refused: " + outcome + "; further accounts are created through the API");
                return 1;
            }
        }
        out.println("Администраторът " + username + " е създаден / administrator " + username + " created ("
                + (settings.postgres() ? "PostgreSQL" : settings.jdbcUrl()) + ")");
        return 0;
    }

    private static char[] readPassword(Console console, InputStream in, PrintStream err) {
        if (console != null) {
            char[] first = console.readPassword("Парола / password (%d+ знака / characters): ", PasswordPolicy.MIN_CHARS);
            char[] second = console.readPassword("Още веднъж / again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("Паролите се различават / the passwords differ");
                return null;
            }
            Arrays.fill(second, '\0');
            return first;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                err.println("Няма парола на стандартния вход / no password on standard input");
                return null;
            }
            return line.toCharArray();
        } catch (IOException e) {
            err.println("Паролата не можа да се прочете / the password could not be read");
            return null;
        }
    }

    private static Optional<String> option(String[] args, String name) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }
}
