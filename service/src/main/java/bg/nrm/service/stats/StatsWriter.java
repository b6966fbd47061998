package bg.nrm.service.stats;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.ExploitationForm;
import bg.nrm.service.cases.Bands;
import bg.nrm.service.store.Sql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * Writes the one de-identified statistics row of a screening, inside the screening's transaction. Only coarse
 * dimensions: month, region, age band, gender, citizenship group, questionnaire, level, dimensions, forms, and the
 * number of referrals. The key is random, so rows cannot be put back in the order the screenings were made.
 */
public final class StatsWriter {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private StatsWriter() {
    }

    /** The non-identifying facts of one screening. */
    public record Row(Instant at, String region, Integer ageYears, String gender, String citizenship,
                      String questionnaire, Assessment assessment, int referrals) {
    }

    public static void insert(Connection c, Row row) throws SQLException {
        Sql.update(c, "INSERT INTO stats_screenings (id, month, region, age_band, gender, citizenship_group, questionnaire, "
                        + "level, dimensions, forms, referrals) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                RANDOM.nextLong(), MONTH.format(row.at()), row.region(), Bands.ageBand(row.ageYears()), row.gender(),
                Bands.citizenshipGroup(row.citizenship()), row.questionnaire(), row.assessment().level().name(),
                String.join(",", row.assessment().positiveDimensions()),
                row.assessment().exploitationForms().stream().map(ExploitationForm::name).collect(Collectors.joining(",")),
                row.referrals());
    }
}
