package bg.nrm.service.referral;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaires;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.http.Json;
import bg.nrm.service.referral.document.DocumentBuilder;
import bg.nrm.service.referral.document.DocumentV2;
import bg.nrm.service.referral.document.MimeDocument;
import bg.nrm.service.referral.document.PlainText;

import java.time.Instant;
import java.util.List;

/**
 * Writes the document a recipient receives (version 2: text for people and JSON for software in one MIME entity)
 * and seals it into an OpenPGP envelope: signed with the service key, encrypted to the recipient's certificates.
 * The plaintext exists only in memory, never on disk or in the database.
 */
public final class ReferralFactory {
    private final ServiceSigningKey signingKey;
    private final Questionnaires questionnaires;
    private final ScreenerContacts screeners;

    public ReferralFactory(ServiceSigningKey signingKey, Questionnaires questionnaires, ScreenerContacts screeners) {
        this.signingKey = signingKey;
        this.questionnaires = questionnaires;
        this.screeners = screeners;
    }

    /**
     * The facts of the screening that a referral may carry, who made it and how to reach them ({@code screener}: read
     * once for all the referrals of a screening with {@link #contactOf(String)}; null to read it per document).
     */
    public record Source(String screeningId, Organisation from, Assessment assessment, CaseContent content,
                         String questionnaireId, int questionnaireVersion, String screenedBy,
                         DocumentBuilder.Screener screener) {
    }

    /** The screener's name and phone as a referral names them. */
    public DocumentBuilder.Screener contactOf(String username) {
        return screeners.contactOf(username);
    }

    /** Builds the document of {@code referral} for its recipient {@code to} and returns the armored envelope. */
    public String envelope(Source source, Referral referral, Organisation to, List<String> recipientCertificates) {
        byte[] plaintext = plaintext(document(source, referral, to));
        return Envelopes.signAndEncrypt(plaintext, signingKey, recipientCertificates);
    }

    /**
     * The document's content, for the envelope and the PDF: what the referral's kind allows, with the notices the
     * routing chose for it.
     */
    public DocumentV2 document(Source s, Referral referral, Organisation to) {
        return DocumentBuilder.build(new DocumentBuilder.Input(referral.id(), s.screeningId(), referral.kind(),
                Instant.ofEpochMilli(referral.createdAt()), Instant.ofEpochMilli(referral.dueBy()), s.from(),
                s.screener() != null ? s.screener() : screeners.contactOf(s.screenedBy()), to, s.assessment(), referral.notices(),
                questionnaires.find(s.questionnaireId(), s.questionnaireVersion()), s.questionnaireId(),
                s.questionnaireVersion(), s.content()));
    }

    /** The MIME entity sealed into the envelope. */
    public static byte[] plaintext(DocumentV2 doc) {
        return MimeDocument.compose(doc, PlainText.render(doc), Json.writePretty(doc));
    }

    /** What a referral's document may carry, from how the routing sent it. */
    public static DocumentBuilder.Kind kind(boolean anonymised, boolean consentOverridden) {
        // A consent override sends identity to police only for a danger to life: the minimum to act on, nothing more.
        return anonymised ? DocumentBuilder.Kind.ANONYMISED
                : consentOverridden ? DocumentBuilder.Kind.MINIMUM_DATA : DocumentBuilder.Kind.IDENTIFIED;
    }
}
