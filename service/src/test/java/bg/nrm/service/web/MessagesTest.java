package bg.nrm.service.web;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Both languages say everything: the Bulgarian and English bundles hold the same keys, none of them blank. */
class MessagesTest {
    @Test
    void bulgarianAndEnglishHoldTheSameKeys() {
        Messages messages = new Messages();
        Set<String> bg = new TreeSet<>(messages.bundle(Lang.BG).keySet());
        Set<String> en = new TreeSet<>(messages.bundle(Lang.EN).keySet());
        assertThat(bg).isNotEmpty().isEqualTo(en);
        for (String key : bg) {
            assertThat(messages.text(Lang.BG, key)).as(key).isNotBlank();
            assertThat(messages.text(Lang.EN, key)).as(key).isNotBlank();
        }
    }

    @Test
    void placeholdersAreFilledWithoutMessageFormatQuoting() {
        Messages messages = new Messages();
        assertThat(messages.text(Lang.EN, "layout.signedInAs", "o'neil")).isEqualTo("Signed in as o'neil");
        assertThat(messages.text(Lang.BG, "no.such.key")).isEqualTo("no.such.key");
    }
}
