package bg.nrm.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service says when it starts: {@code --help}, and the demo password notice on a first and a second run. */
class MainTest {
    @TempDir
    Path dataDir;

    @Test
    void helpPrintsEverySettingTheServiceReadsAndStartsNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }
        String help = out.toString(StandardCharsets.UTF_8);

        // Settings.java is the one place that reads settings: every name it reads must be in the help.
        String settings = Files.readString(Path.of("src/main/java/bg/nrm/service/Settings.java"));
        Matcher read = Pattern.compile("value\\(config, \"([^\"]+)\", \"([^\"]+)\"\\)").matcher(settings);
        int names = 0;
        while (read.find()) {
            assertThat(help).contains(read.group(1)).contains(read.group(2));
            names++;
        }
        assertThat(names).as("settings found in Settings.java").isGreaterThan(15);
        assertThat(help).contains("--help").doesNotContain("listening");
    }

    @Test
    void aSecondStartOnTheSameDataDirectorySaysTheDemoUsersKeepTheirPassword() {
        try (TestService first = TestService.start(dataDir, new MutableClock(), Map.of())) {
            assertThat(first.app.demoUsersCreated()).isTrue();
            assertThat(Main.demoPasswordNotice(first.app.settings(), first.app)).hasValueSatisfying(
                    notice -> assertThat(notice).contains("created with the password given in nrm.demo.password"));
        }
        try (TestService second = TestService.start(dataDir, new MutableClock(), Map.of("nrm.demo.password", "second-start-pw"))) {
            assertThat(second.app.demoUsersCreated()).isFalse();
            assertThat(Main.demoPasswordNotice(second.app.settings(), second.app)).hasValueSatisfying(notice ->
                    assertThat(notice).contains("already exist in " + dataDir.toAbsolutePath().normalize())
                            .contains("delete " + dataDir.toAbsolutePath().normalize()).doesNotContain("second-start-pw"));
            assertThat(second.api.token("admin", TestService.PASSWORD)).as("the old password still works").isNotBlank();
        }
    }
}
