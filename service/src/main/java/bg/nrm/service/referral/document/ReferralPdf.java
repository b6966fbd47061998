package bg.nrm.service.referral.document;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The referral as a PDF for the case file: the lines of the plain text, in DejaVu Sans Mono (bundled, embedded as a
 * subset, so Cyrillic shows on any reader), each page marked "ПОВЕРИТЕЛНО / CONFIDENTIAL" with its number. The
 * document information names no person.
 */
public final class ReferralPdf {
    /** The mark at the top of every page. */
    public static final String CONFIDENTIAL = "ПОВЕРИТЕЛНО / CONFIDENTIAL — лични данни, само за адресата";
    private static final String FONT = "DejaVuSansMono.ttf";
    private static final float SIZE = 9.5f;
    private static final float LEADING = 12.5f;
    private static final float MARGIN = 48f;

    private ReferralPdf() {
    }

    /** The PDF of {@code doc}. */
    public static byte[] render(DocumentV2 doc) {
        List<String> lines = PlainText.lines(doc);
        try (PDDocument pdf = new PDDocument(); InputStream fontFile = ReferralPdf.class.getResourceAsStream(FONT)) {
            PDType0Font font = PDType0Font.load(pdf, fontFile, true);
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle("Сигнал за насочване / Referral " + doc.referralId());
            info.setSubject(CONFIDENTIAL);
            info.setProducer("NRM Screening and Referral Service");
            PDRectangle a4 = PDRectangle.A4;
            int perPage = (int) ((a4.getHeight() - 2 * MARGIN - 2 * LEADING) / LEADING);
            int pages = Math.max(1, (lines.size() + perPage - 1) / perPage);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(a4);
                pdf.addPage(page);
                try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                    out.beginText();
                    out.setFont(font, SIZE);
                    out.setLeading(LEADING);
                    out.newLineAtOffset(MARGIN, a4.getHeight() - MARGIN);
                    out.showText(CONFIDENTIAL + "   " + (p + 1) + "/" + pages);
                    out.newLine();
                    out.newLine();
                    for (String line : lines.subList(p * perPage, Math.min(lines.size(), (p + 1) * perPage))) {
                        out.showText(line);
                        out.newLine();
                    }
                    out.endText();
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            pdf.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the referral PDF could not be made", e);
        }
    }
}
