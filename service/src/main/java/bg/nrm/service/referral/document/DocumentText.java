package bg.nrm.service.referral.document;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The text for people of the documents of one screening, as UTF-8: {@link PlainText#render} byte for byte, but each
 * run of lines that depends on one shared part of the documents (the referrer, the person, the findings with their
 * questions, the notes…) is written and encoded once and copied into every document that has that part. The parts
 * are told apart by instance ({@link ScreeningDocuments} builds each shared part once), so one writer serves the
 * documents of one screening only.
 */
final class DocumentText {
    @SuppressWarnings("unchecked")
    private final Map<Object, byte[]>[] runs = new Map[PlainText.Block.values().length * PlainText.Lang.values().length];

    /** The text of {@code d}, lines ended by LF, as {@code PlainText.render(d).getBytes(UTF_8)}. */
    byte[] render(DocumentV2 d) {
        Utf8Lines out = new Utf8Lines(16 * 1024);
        PlainText.write(out, d);
        return out.bytes.toByteArray();
    }

    private final class Utf8Lines extends PlainText.Lines {
        final ByteArrayOutputStream bytes;

        Utf8Lines(int size) {
            bytes = new ByteArrayOutputStream(size);
        }

        @Override
        void add(String line) {
            // Line by line is the same UTF-8 as the whole text at once: a line end is one character, and a pair cut in
            // two by the wrapping is a lone surrogate either way ('?').
            bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }

        @Override
        void block(PlainText.Block block, Object part, PlainText.Lang l, Consumer<PlainText.Lines> render) {
            int i = block.ordinal() * PlainText.Lang.values().length + l.ordinal();
            Map<Object, byte[]> known = runs[i];
            if (known == null) {
                known = runs[i] = new IdentityHashMap<>();
            }
            byte[] run = known.get(part);
            if (run == null) {
                Utf8Lines own = new Utf8Lines(1024);
                render.accept(own);
                run = own.bytes.toByteArray();
                known.put(part, run);
            }
            bytes.writeBytes(run);
        }
    }
}
