package bg.nrm.service.referral.document;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MimeDocumentTest {
    // The rule the byte-level writer keeps: what the String replacements it stands in for produced.
    private static String expected(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static String crlf(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        return new String(MimeDocument.crlf(in, in.length, in.length), StandardCharsets.UTF_8);
    }

    @Test
    void everyLineEndBecomesCrlfAndAnExistingCrlfStaysOne() {
        for (String s : new String[] {"", "\n", "\r\n", "a\nb\n", "a\r\nb", "\r\r\n", "a\rb\n", "x\r", "\n\n\r\n\r",
                "Мария\nИванова\r\nПетрова"}) {
            assertThat(crlf(s)).as("%s", s.replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(expected(s));
        }
    }

    @Test
    void onlyTheGivenLengthIsWritten() {
        byte[] in = "one\ntwo\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(MimeDocument.crlf(in, in.length - 1, 2), StandardCharsets.US_ASCII)).isEqualTo("one\r\ntwo");
    }
}
