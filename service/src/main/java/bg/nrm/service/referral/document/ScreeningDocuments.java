package bg.nrm.service.referral.document;

import bg.nrm.service.http.Json;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The documents of one screening's referrals, made together. They share most of what they say (the referrer, the
 * person as each kind of document shows it, the findings with their questions, the answers and notes of the
 * identified ones), so each shared part is built, written as text and as JSON, and encoded once, and every document
 * is put together from those bytes and its own parts (its referral, recipient, deadline, what it is asked, its
 * notices). The result is byte for byte what {@link DocumentBuilder#build}, {@link PlainText#render},
 * {@code Json.writePretty} and {@link MimeDocument#compose} make of each document alone (ScreeningDocumentsTest).
 * An anonymised document is built from the anonymised person: the parts are told apart by kind, never merged.
 *
 * <p>For the documents of one screening only (checked), on one thread.
 */
public final class ScreeningDocuments {
    private final DocumentBuilder.Parts parts = new DocumentBuilder.Parts();
    private final DocumentText text = new DocumentText();
    private final DocumentJson json = new DocumentJson();
    // The subject names the level (one per screening) and the deadline.
    private final Map<DocumentV2.Time, String> subjects = new IdentityHashMap<>();

    /** The document for one recipient; {@code in} must come from the same screening as the others of this set. */
    public DocumentV2 document(DocumentBuilder.Input in) {
        return DocumentBuilder.build(in, parts);
    }

    /** The MIME entity sealed into the envelope of {@code doc}, a document of this set. */
    public byte[] plaintext(DocumentV2 doc) {
        return plaintext(doc, MimeDocument.newBoundary());
    }

    byte[] plaintext(DocumentV2 doc, String boundary) {
        String subject = subjects.computeIfAbsent(doc.dueBy(), t -> MimeDocument.subject(doc));
        return MimeDocument.compose(doc, text.render(doc), json.write(doc), boundary, subject,
                () -> PlainText.render(doc).getBytes(StandardCharsets.UTF_8), () -> Json.writePretty(doc));
    }
}
