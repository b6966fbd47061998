package bg.nrm.service.referral.document;

import bg.nrm.service.http.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The JSON part of the documents of one screening: {@link Json#writePretty} of each document byte for byte, but every
 * object or array value is serialised once per instance and its bytes copied into each document that has it (the
 * findings with their questions, the answers, the notes, the referrer…; {@link ScreeningDocuments} builds each shared
 * part once). The pretty printer's indentation is the only thing in a value's bytes that depends on where it sits:
 * a value is written on its own and every line end in it indented by its depth (JSON text has no other line ends:
 * one inside a string is written {@code \n}). The fields are written in the order of {@link DocumentV2}'s
 * components, absent ones left out, as Jackson writes the record.
 */
final class DocumentJson {
    @SuppressWarnings("unchecked")
    private final Map<Object, byte[]>[] values = new Map[] {new IdentityHashMap<>(), new IdentityHashMap<>()};

    /** The JSON of {@code d}, as {@code Json.writePretty(d)}. */
    byte[] write(DocumentV2 d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator((OutputStream) out)) {
            g.setPrettyPrinter(printer());
            g.writeStartObject();
            g.writeNumberField("schemaVersion", d.schemaVersion());
            string(g, "referralId", d.referralId());
            string(g, "screeningId", d.screeningId());
            string(g, "kind", d.kind());
            value(g, "carries", d.carries(), 1);
            value(g, "notice", d.notice(), 1);
            value(g, "createdAt", d.createdAt(), 1);
            value(g, "dueBy", d.dueBy(), 1);
            value(g, "asked", d.asked(), 1);
            value(g, "from", d.from(), 1);
            value(g, "to", d.to(), 1);
            value(g, "person", d.person(), 1);
            DocumentV2.Assessment a = d.assessment();
            if (a != null) {
                g.writeFieldName("assessment");
                g.writeStartObject();
                string(g, "level", a.level());
                value(g, "levelName", a.levelName(), 2);
                value(g, "findings", a.findings(), 2);
                value(g, "exploitationForms", a.exploitationForms(), 2);
                value(g, "recommendations", a.recommendations(), 2);
                value(g, "notices", a.notices(), 2);
                value(g, "questionnaire", a.questionnaire(), 2);
                string(g, "rulesetVersion", a.rulesetVersion());
                g.writeEndObject();
            }
            value(g, "answers", d.answers(), 1);
            value(g, "otherObservations", d.otherObservations(), 1);
            value(g, "notes", d.notes(), 1);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // The printer of Json.writePretty: two spaces a level, a line per value, array elements too.
    private static DefaultPrettyPrinter printer() {
        return new DefaultPrettyPrinter().withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private void value(JsonGenerator g, String name, Object value, int depth) throws IOException {
        if (value == null) {
            return;
        }
        Map<Object, byte[]> known = values[depth - 1];
        byte[] bytes = known.get(value);
        if (bytes == null) {
            bytes = indent(Json.writePretty(value), depth);
            known.put(value, bytes);
        }
        g.writeFieldName(name);
        g.writeRawValue(new RawValue(bytes));
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

    /** Bytes the generator copies as they are. */
    private record RawValue(byte[] utf8) implements SerializableString {
        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("a raw value is never quoted");
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("a raw value is never quoted");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException("a raw value is never quoted");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("a raw value is never quoted");
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String s = getValue();
            if (offset + s.length() > buffer.length) {
                return -1;
            }
            s.getChars(0, s.length(), buffer, offset);
            return s.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException("a raw value is never quoted");
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException("a raw value is never quoted");
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < utf8.length) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }
    }
}
