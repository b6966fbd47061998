package bg.nrm.service.referral.document;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Writes the plaintext of an envelope: one MIME {@code multipart/mixed} entity (CRLF line ends, as MIME wants) whose
 * first part is the text for people and whose second is the JSON for software, both
 * {@code Content-Transfer-Encoding: 8bit} so that {@code gpg --decrypt} shows the text as it is. The top-level header
 * block carries the message's subject as a protected header ({@code protected-headers="v1"}), so a mail client that
 * opens the same entity inside a PGP/MIME message (RFC 3156) shows it in place of the neutral outer subject.
 */
public final class MimeDocument {
    /** The neutral subject every outer e-mail header shows: no personal data. */
    public static final String SUBJECT = "Сигнал за насочване";
    private static final int MAX_LINE_OCTETS = CrlfBytes.MAX_LINE_OCTETS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MimeDocument() {
    }

    /** The entity for {@code doc}, with {@code text} and {@code json} as its parts. */
    public static byte[] compose(DocumentV2 doc, String text, byte[] json) {
        return compose(doc, text.getBytes(StandardCharsets.UTF_8), json, newBoundary());
    }

    /** A boundary no text of ours contains. */
    static String newBoundary() {
        byte[] r = new byte[12];
        RANDOM.nextBytes(r);
        return "nrm-" + HexFormat.of().formatHex(r);
    }

    /** The entity for {@code doc}, with the UTF-8 {@code textBytes} (LF line ends) and {@code json} as its parts. */
    static byte[] compose(DocumentV2 doc, byte[] textBytes, byte[] json, String boundary) {
        String head = head(boundary, subject(doc));
        // Room for the CRLFs (lines average well over ten bytes) and the headers: written without growing.
        ByteArrayOutputStream out = new ByteArrayOutputStream((textBytes.length + json.length) / 10 * 11 + 2048);
        write(out, head);
        part(out, "text/plain; charset=utf-8", "inline", textBytes);
        write(out, "\n--" + boundary + "\n");
        part(out, "application/json", jsonDisposition(doc), json);
        write(out, "\n--" + boundary + "--\n");
        return out.toByteArray();
    }

    /**
     * The entity for {@code doc} from bodies already in their CRLF form ({@link ScreeningDocuments}): the same bytes as
     * {@link #compose(DocumentV2, byte[], byte[], String)} of their LF forms, which are asked for only if a part
     * cannot go as 8bit. {@code subject} is {@link #subject(DocumentV2)}.
     */
    static byte[] compose(DocumentV2 doc, CrlfBytes text, CrlfBytes json, String boundary, String subject,
                          Supplier<byte[]> lfText, Supplier<byte[]> lfJson) {
        if (!text.eightBit() || !json.eightBit()) {
            return compose(doc, lfText.get(), lfJson.get(), boundary);
        }
        byte[][] pieces = {crlf(head(boundary, subject)), crlf(partHead("text/plain; charset=utf-8", "inline", true)),
            text.body(), crlf("\n--" + boundary + "\n"), crlf(partHead("application/json", jsonDisposition(doc), true)),
            json.body(), crlf("\n--" + boundary + "--\n")};
        int size = 0;
        for (byte[] p : pieces) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int o = 0;
        for (byte[] p : pieces) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /**
     * The message's subject as an encoded header value. The protected (encrypted) subject may say more than the outer
     * one: the level and the deadline, never the person.
     */
    static String subject(DocumentV2 doc) {
        return encodedWord(SUBJECT + " – " + doc.assessment().levelName().bg() + ", срок " + PlainText.sofiaTime(doc.dueBy()));
    }

    private static String head(String boundary, String encodedSubject) {
        return "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"; protected-headers=\"v1\"\n"
                + "Subject: " + encodedSubject + "\n"
                + "MIME-Version: 1.0\n"
                + "\n"
                + "--" + boundary + "\n";
    }

    private static String jsonDisposition(DocumentV2 doc) {
        return "attachment; filename=\"referral-" + doc.referralId() + ".json\"";
    }

    private static String partHead(String contentType, String disposition, boolean eightBit) {
        return "Content-Type: " + contentType + "\n"
                + "Content-Transfer-Encoding: " + (eightBit ? "8bit" : "base64") + "\n"
                + "Content-Disposition: " + disposition + "\n\n";
    }

    private static void part(ByteArrayOutputStream out, String contentType, String disposition, byte[] body) {
        // One pass over the body answers both questions: may it go as 8bit, and how many line ends become CRLF.
        int newlines = 0;
        int run = 0;
        boolean eightBit = true;
        for (byte b : body) {
            if (b == '\n') {
                newlines++;
                run = 0;
            } else if (b == 0 || ++run > MAX_LINE_OCTETS) {
                eightBit = false;
                break;
            }
        }
        write(out, partHead(contentType, disposition, eightBit));
        if (eightBit) {
            // The body's last line end is the boundary's; every other one becomes CRLF. Done on the UTF-8 bytes: a
            // line end is one byte in UTF-8, and the body was not to be copied through a String twice more.
            boolean endsWithNewline = body.length > 0 && body[body.length - 1] == '\n';
            out.writeBytes(crlf(body, endsWithNewline ? body.length - 1 : body.length, newlines));
        } else {
            // Only if a line could not be kept under MIME's 998 octets (the documents are built so that none is).
            write(out, Base64.getMimeEncoder().encodeToString(body));
        }
    }

    // Every line end becomes CRLF; a lone CR never appears in what we write.
    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(crlf(s));
    }

    private static byte[] crlf(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int newlines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                newlines++;
            }
        }
        return crlf(bytes, bytes.length, newlines);
    }

    /**
     * The first {@code length} bytes with each LF (and each CRLF) written as CRLF; {@code newlines} is at least the
     * number of LFs among them (it sizes the result).
     */
    static byte[] crlf(byte[] in, int length, int newlines) {
        byte[] out = new byte[length + newlines];
        int o = 0;
        for (int i = 0; i < length; i++) {
            byte b = in[i];
            if (b == '\n') {
                out[o++] = '\r';
            } else if (b == '\r' && i + 1 < length && in[i + 1] == '\n') {
                continue; // the LF that follows writes the CRLF
            }
            out[o++] = b;
        }
        return o == out.length ? out : Arrays.copyOf(out, o);
    }

    /** RFC 2047 B-encoding of a UTF-8 header value, in encoded words short enough for one folded line each. */
    static String encodedWord(String value) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int end = Math.min(value.length(), i + 20);
            if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
                end--;
            }
            if (sb.length() > 0) {
                sb.append("\r\n ");
            }
            sb.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(
                    value.substring(i, end).getBytes(StandardCharsets.UTF_8))).append("?=");
            i = end;
        }
        return sb.toString();
    }
}
