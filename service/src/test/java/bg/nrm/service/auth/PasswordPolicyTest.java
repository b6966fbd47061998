package bg.nrm.service.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The password rules of ASVS 5.0, as named scenarios. */
class PasswordPolicyTest {
    @Test
    void elevenCharactersAreTooFewAndTwelveAreEnough() {
        assertThat(PasswordPolicy.problem("ябълка и кр", "x.y")).isPresent();
        assertThat(PasswordPolicy.problem("ябълка и кру", "x.y")).isEmpty();
    }

    @Test
    void lengthCountsCharactersNotBytesOrUtf16Units() {
        // Twelve emoji are 24 UTF-16 units and 48 bytes, and twelve characters.
        assertThat(PasswordPolicy.problem("😀🐱🌳🚲📚🎵🍎🌙⭐🔑🏠🚗", "x.y")).isEmpty();
        assertThat(PasswordPolicy.problem("😀🐱🌳🚲📚🎵🍎🌙⭐🔑🏠", "x.y")).isPresent();
    }

    @Test
    void noCompositionRules() {
        assertThat(PasswordPolicy.problem("само малки букви тук", "x.y")).isEmpty();
        assertThat(PasswordPolicy.problem("correct horse battery staple", "x.y")).isEmpty();
    }

    @Test
    void commonPasswordsFromTheShippedListAreRefusedInAnyCase() {
        assertThat(PasswordPolicy.problem("qwerty123456", "x.y")).isPresent();
        assertThat(PasswordPolicy.problem("QWERTY123456", "x.y")).isPresent();
        assertThat(PasswordPolicy.problem("1qaz2wsx3edc", "x.y")).isPresent();
    }

    @Test
    void thePasswordMustNotContainTheUsername() {
        assertThat(PasswordPolicy.problem("crisis.plovdiv2026!", "crisis.plovdiv")).isPresent();
    }

    @Test
    void oneKeyHeldDownIsRefused() {
        assertThat(PasswordPolicy.problem("aaaaaaaaaaaaaaaa", "x.y")).isPresent();
    }

    @Test
    void tooLongIsRefusedNotTruncated() {
        assertThat(PasswordPolicy.problem("дълга ".repeat(43), "x.y")).isPresent();
        assertThat(PasswordPolicy.problem("дълга ".repeat(42), "x.y")).isEmpty();
    }

    @Test
    void composedAndDecomposedLettersAreTheSamePassword() {
        String composed = "Ångström Ёлка парола";
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        assertThat(PasswordPolicy.normalise(decomposed)).isEqualTo(PasswordPolicy.normalise(composed));
    }
}
