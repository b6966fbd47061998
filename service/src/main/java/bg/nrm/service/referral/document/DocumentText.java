package bg.nrm.service.referral.document;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The text for people of the documents of one screening, as the MIME entity carries it: {@link PlainText#render} in
 * UTF-8 with CRLF line ends ({@link CrlfBytes}), byte for byte, but each run of lines that depends on one shared part
 * of the documents (the referrer, the person, the findings with their questions, the notes…) is written, encoded and
 * converted once and copied into every document that has that part. The parts
 * are told apart by instance ({@link ScreeningDocuments} builds each shared part once), so one writer serves the
 * documents of one screening only.
 */
final class DocumentText {
    private static final byte[] LF = {'\n'};
    @SuppressWarnings("unchecked")
    private final Map<Object, CrlfBytes.Piece>[] runs = new Map[PlainText.Block.values().length * PlainText.Lang.values().length];

    /** The text of {@code d}: {@code PlainText.render(d).getBytes(UTF_8)}, converted. */
    CrlfBytes render(DocumentV2 d) {
        CrlfBytes out = new CrlfBytes(24 * 1024);
        PlainText.write(new Lines(out), d);
        return out;
    }

    /** The LF form of the lines {@code render} writes, in UTF-8. */
    private static byte[] utf8(Consumer<PlainText.Lines> render) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        render.accept(new PlainText.Lines() {
            @Override
            void add(String line) {
                // Line by line is the same UTF-8 as the whole text at once: a line end is one character, and a pair
                // cut in two by the wrapping is a lone surrogate either way ('?').
                bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                bytes.write('\n');
            }
        });
        return bytes.toByteArray();
    }

    private final class Lines extends PlainText.Lines {
        final CrlfBytes out;

        Lines(CrlfBytes out) {
            this.out = out;
        }

        @Override
        void add(String line) {
            out.append(line.getBytes(StandardCharsets.UTF_8));
            out.append(LF);
        }

        @Override
        void block(PlainText.Block block, Object part, PlainText.Lang l, Consumer<PlainText.Lines> render) {
            int i = block.ordinal() * PlainText.Lang.values().length + l.ordinal();
            Map<Object, CrlfBytes.Piece> known = runs[i];
            if (known == null) {
                known = runs[i] = new IdentityHashMap<>();
            }
            CrlfBytes.Piece run = known.get(part);
            if (run == null) {
                run = CrlfBytes.piece(utf8(render));
                known.put(part, run);
            }
            out.append(run);
        }
    }
}
