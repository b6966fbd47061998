package bg.nrm.service.referral.document;

import java.util.Arrays;

/**
 * A MIME part's body put together from pieces that were each converted once: every line end written CRLF exactly as
 * {@link MimeDocument#crlf} writes it (a CRLF stays one, a lone CR stays), and what decides whether the body may go as
 * 8bit (no NUL, no line over 998 octets), counted on the LF form as {@code MimeDocument} counts it. A piece shared by
 * several documents ({@link DocumentText}, {@link DocumentJson}) is converted and counted once and then only copied.
 */
final class CrlfBytes {
    static final int MAX_LINE_OCTETS = 998;

    /**
     * Bytes converted once: their CRLF form and the facts of their lines in the LF form: whether there is a NUL, the
     * length of the first line (up to the first LF, or all of it), of the longest line between the first LF and the
     * last, and of what follows the last LF.
     */
    record Piece(byte[] crlf, int length, boolean nul, boolean multiline, int first, int inner, int last,
                 boolean startsLf, boolean endsCr, boolean endsCrLf) {
    }

    /** {@code lf} converted and counted. */
    static Piece piece(byte[] lf) {
        int newlines = 0;
        for (byte b : lf) {
            if (b == '\n') {
                newlines++;
            }
        }
        byte[] out = new byte[lf.length + newlines];
        int o = 0;
        boolean nul = false;
        int first = -1;
        int inner = 0;
        int run = 0;
        byte previous = 0;
        for (byte b : lf) {
            if (b == '\n') {
                if (previous != '\r') {
                    out[o++] = '\r';
                }
                if (first < 0) {
                    first = run;
                } else {
                    inner = Math.max(inner, run);
                }
                run = 0;
            } else {
                nul |= b == 0;
                run++;
            }
            out[o++] = b;
            previous = b;
        }
        int n = lf.length;
        return new Piece(o == out.length ? out : Arrays.copyOf(out, o), n, nul, first >= 0, first >= 0 ? first : run,
                inner, run, n > 0 && lf[0] == '\n', n > 0 && lf[n - 1] == '\r',
                n > 1 && lf[n - 1] == '\n' && lf[n - 2] == '\r');
    }

    private byte[] bytes;
    private int size;
    private int run;
    private boolean eightBit = true;
    private int last = -1; // the last byte of the LF form so far, -1 before any
    private boolean lastLineEndAfterCr; // the last LF of the LF form followed a CR

    CrlfBytes(int capacity) {
        bytes = new byte[capacity];
    }

    /** Appends {@code lf} (LF form), converting and counting it on the way. */
    void append(byte[] lf) {
        append(lf, 0, lf.length);
    }

    /** Appends {@code length} bytes of {@code lf} from {@code offset}. */
    void append(byte[] lf, int offset, int length) {
        // At most one more byte per byte.
        room(2 * length);
        byte[] out = bytes;
        int o = size;
        int r = run;
        boolean ok = eightBit;
        int previous = last;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = lf[i];
            if (b == '\n') {
                lastLineEndAfterCr = previous == '\r';
                if (previous != '\r') {
                    out[o++] = '\r';
                }
                r = 0;
            } else {
                ok &= b != 0 && ++r <= MAX_LINE_OCTETS;
            }
            out[o++] = b;
            previous = b;
        }
        size = o;
        run = r;
        eightBit = ok;
        last = previous;
    }

    /** Appends a piece converted before. */
    void append(Piece p) {
        if (p.length() == 0) {
            return;
        }
        // A CR at the end of what came before and an LF at the start of this piece are one CRLF, not CR CRLF.
        int skip = last == '\r' && p.startsLf() ? 1 : 0;
        int n = p.crlf().length - skip;
        room(n);
        System.arraycopy(p.crlf(), skip, bytes, size, n);
        size += n;
        eightBit &= !p.nul();
        if (p.multiline()) {
            eightBit &= run + p.first() <= MAX_LINE_OCTETS && p.inner() <= MAX_LINE_OCTETS;
            run = p.last();
            lastLineEndAfterCr = p.endsCrLf() || (p.length() == 1 && last == '\r');
        } else {
            run += p.first();
        }
        eightBit &= run <= MAX_LINE_OCTETS;
        last = p.crlf()[p.crlf().length - 1];
    }

    private void room(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
        }
    }

    /** Whether the body may go as 8bit: no NUL and no line longer than MIME allows. */
    boolean eightBit() {
        return eightBit;
    }

    /**
     * The body as {@code MimeDocument} writes it: every line end CRLF except a last one, which belongs to the boundary
     * that follows.
     */
    byte[] body() {
        if (last != '\n') {
            return Arrays.copyOf(bytes, size);
        }
        // The last LF was written CRLF, or LF alone after a CR of the text; without it, a CR before it stays.
        return Arrays.copyOf(bytes, size - (lastLineEndAfterCr ? 1 : 2));
    }
}
