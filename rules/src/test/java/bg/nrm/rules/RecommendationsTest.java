package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Recommendations follow the level and the routing table of INDICATORS.md. */
@DisplayName("Recommendations for the screener")
class RecommendationsTest {

    @Test
    @DisplayName("high risk: refer within 24 hours and do not confront the exploiters")
    void high() {
        Assessment a = Screenings.child(15).yes("CH_MOVED", "EX_BEGGING", "EX_NO_PAY").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.recommendations()).anyMatch(r -> r.startsWith("Refer within 24 hours"))
                .anyMatch(r -> r.startsWith("Do not confront"))
                .anyMatch(r -> r.startsWith("Report the child"));
    }

    @Test
    @DisplayName("medium risk for an adult without consent: re-screen within 14 days, no referral")
    void mediumAdultWithoutConsent() {
        Assessment a = Screenings.adult(30).noConsent().yes("EX_BEGGING").assess();

        assertThat(a.recommendations()).anyMatch(r -> r.startsWith("Re-screen within 14 days"))
                .noneMatch(r -> r.startsWith("Refer within"));
    }

    @Test
    @DisplayName("medium risk for an adult who consented: refer within 72 hours")
    void mediumAdultWithConsent() {
        Assessment a = Screenings.adult(30).yes("EX_BEGGING").assess();

        assertThat(a.recommendations()).anyMatch(r -> r.startsWith("Refer within 72 hours"))
                .noneMatch(r -> r.startsWith("Re-screen"));
    }

    @Test
    @DisplayName("low risk: no referral, stay in contact")
    void low() {
        assertThat(Screenings.adult(30).yes("EX_NO_PAY").assess().recommendations())
                .containsExactly("No referral is needed now; stay in contact and screen again if new signs appear.");
    }
}
