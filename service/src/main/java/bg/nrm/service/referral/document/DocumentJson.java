package bg.nrm.service.referral.document;

import bg.nrm.service.http.Json;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The JSON part of the documents of one screening, as the MIME entity carries it: {@link Json#writePretty} of each
 * document with CRLF line ends ({@link CrlfBytes}), byte for byte, but every object or array value is serialised and
 * converted once per instance and then copied into each document that has it (the findings with their questions, the
 * answers, the notes, the referrer…; {@link ScreeningDocuments} builds each shared part once).
 *
 * <p>The two objects around them are written here as Jackson's pretty printer writes them: a line per field, two
 * spaces a level, {@code "name" : value}, fields in the order of the record's components, absent ones left out. The
 * indentation is the only thing in a value's bytes that depends on where it sits: a value is written on its own and
 * every line end in it indented by its depth (JSON text has no other line ends: one inside a string is written
 * {@code \n}).
 */
final class DocumentJson {
    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    @SuppressWarnings("unchecked")
    private final Map<Object, CrlfBytes.Piece>[] values = new Map[] {new IdentityHashMap<>(), new IdentityHashMap<>()};
    // "{", or ",", then a line end and the indentation, then "name" : (by name and depth, first or not).
    private final Map<String, CrlfBytes.Piece> names = new HashMap<>();

    /** The JSON of {@code d}: {@code Json.writePretty(d)}, converted. */
    CrlfBytes write(DocumentV2 d) {
        Writer w = new Writer(new CrlfBytes(12 * 1024));
        w.start();
        w.raw("schemaVersion", Integer.toString(d.schemaVersion()));
        w.string("referralId", d.referralId());
        w.string("screeningId", d.screeningId());
        w.string("kind", d.kind());
        w.value("carries", d.carries());
        w.value("notice", d.notice());
        w.value("createdAt", d.createdAt());
        w.value("dueBy", d.dueBy());
        w.value("asked", d.asked());
        w.value("from", d.from());
        w.value("to", d.to());
        w.value("person", d.person());
        DocumentV2.Assessment a = d.assessment();
        if (a != null) {
            w.name("assessment");
            w.start();
            w.string("level", a.level());
            w.value("levelName", a.levelName());
            w.value("findings", a.findings());
            w.value("exploitationForms", a.exploitationForms());
            w.value("recommendations", a.recommendations());
            w.value("notices", a.notices());
            w.value("questionnaire", a.questionnaire());
            w.string("rulesetVersion", a.rulesetVersion());
            w.end();
        }
        w.value("answers", d.answers());
        w.value("otherObservations", d.otherObservations());
        w.value("notes", d.notes());
        w.end();
        return w.out;
    }

    /** {@code json} with {@code depth} levels of indentation after each line end. */
    static byte[] indent(byte[] json, int depth) {
        int lines = 0;
        for (byte b : json) {
            if (b == '\n') {
                lines++;
            }
        }
        int step = 2 * depth;
        byte[] out = new byte[json.length + lines * step];
        int o = 0;
        for (byte b : json) {
            out[o++] = b;
            if (b == '\n') {
                for (int k = 0; k < step; k++) {
                    out[o++] = ' ';
                }
            }
        }
        return out;
    }

    private final class Writer {
        final CrlfBytes out;
        int depth;
        boolean first;

        Writer(CrlfBytes out) {
            this.out = out;
        }

        void start() {
            depth++;
            first = true;
        }

        void end() {
            depth--;
            // Never empty: a document and its assessment always have fields.
            out.append(ascii("\n" + "  ".repeat(depth) + "}"));
            first = false;
        }

        void name(String name) {
            String key = (first ? "{" : ",") + depth + name;
            CrlfBytes.Piece p = names.get(key);
            if (p == null) {
                p = ascii((first ? "{" : ",") + "\n" + "  ".repeat(depth) + "\"" + name + "\" : ");
                names.put(key, p);
            }
            out.append(p);
            first = false;
        }

        void raw(String name, String json) {
            name(name);
            out.append(ascii(json));
        }

        void string(String name, String value) {
            if (value != null) {
                name(name);
                byte[] quoted = STRINGS.quoteAsUTF8(value);
                byte[] lf = new byte[quoted.length + 2];
                lf[0] = '"';
                System.arraycopy(quoted, 0, lf, 1, quoted.length);
                lf[lf.length - 1] = '"';
                out.append(lf);
            }
        }

        void value(String name, Object value) {
            if (value == null) {
                return;
            }
            Map<Object, CrlfBytes.Piece> known = values[depth - 1];
            CrlfBytes.Piece p = known.get(value);
            if (p == null) {
                p = CrlfBytes.piece(indent(Json.writePretty(value), depth));
                known.put(value, p);
            }
            name(name);
            out.append(p);
        }
    }

    private static CrlfBytes.Piece ascii(String s) {
        return CrlfBytes.piece(s.getBytes(StandardCharsets.UTF_8));
    }
}
