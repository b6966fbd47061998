package bg.nrm.service.cases;

import java.util.Set;

/** The coarse bands that statistics and anonymised envelopes use instead of exact values. */
public final class Bands {
    private static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
            "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private Bands() {
    }

    /** 0–13, 14–17, 18–24, 25–34, 35–49, 50+; "unknown" when the age is not known. */
    public static String ageBand(Integer age) {
        if (age == null) {
            return "unknown";
        }
        if (age < 14) {
            return "0-13";
        }
        if (age < 18) {
            return "14-17";
        }
        if (age < 25) {
            return "18-24";
        }
        if (age < 35) {
            return "25-34";
        }
        if (age < 50) {
            return "35-49";
        }
        return "50+";
    }

    /** BG, other EU, or non-EU. */
    public static String citizenshipGroup(String isoCode) {
        if ("BG".equals(isoCode)) {
            return "BG";
        }
        return EU.contains(isoCode) ? "EU" : "NON_EU";
    }
}
