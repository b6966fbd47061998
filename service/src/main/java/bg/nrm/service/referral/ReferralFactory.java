package bg.nrm.service.referral;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.Questionnaires;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.http.Json;
import bg.nrm.service.referral.document.DocumentBuilder;
import bg.nrm.service.referral.document.DocumentV2;
import bg.nrm.service.referral.document.MimeDocument;
import bg.nrm.service.referral.document.PlainText;
import bg.nrm.service.referral.document.ScreeningDocuments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /**
     * Builds the document of {@code referral} for its recipient {@code to} and returns the envelope as the binary
     * OpenPGP message, as it is stored ({@link ReferralStore#insert}); it is armored when served.
     */
    public byte[] envelope(Source source, Referral referral, Organisation to, List<String> recipientCertificates) {
        byte[] plaintext = plaintext(document(source, referral, to));
        return Envelopes.signAndEncryptBinary(plaintext, signingKey, recipientCertificates);
    }

    /**
     * The envelopes of one screening's referrals, made one after another on one thread: the parts their documents
     * share are built and rendered once for all of them ({@link ScreeningDocuments}).
     */
    public Batch batch(Source source) {
        return new Batch(source);
    }

    /** Makes the envelopes of the referrals of one screening; not for use by two threads. */
    public final class Batch {
        private final Source source;
        private final ScreeningDocuments documents = new ScreeningDocuments();
        // Read for the first envelope: a screening without referrals never reads the screener's contact.
        private DocumentBuilder.Screener screener;
        private Optional<Questionnaire> questionnaire;

        private Batch(Source source) {
            this.source = source;
        }

        /** As {@link ReferralFactory#envelope}, for a referral of this batch's screening. */
        public byte[] envelope(Referral referral, Organisation to, List<String> recipientCertificates) {
            return Envelopes.signAndEncryptBinary(plaintext(referral, to), signingKey, recipientCertificates);
        }

        /** The MIME entity of the referral's document, as {@link ReferralFactory#plaintext} of its document. */
        public byte[] plaintext(Referral referral, Organisation to) {
            if (questionnaire == null) {
                screener = source.screener() != null ? source.screener() : screeners.contactOf(source.screenedBy());
                questionnaire = questionnaires.find(source.questionnaireId(), source.questionnaireVersion());
            }
            return documents.plaintext(documents.document(input(source, referral, to, screener, questionnaire)));
        }
    }

    /**
     * The document's content, for the envelope and the PDF: what the referral's kind allows, with the notices the
     * routing chose for it.
     */
    public DocumentV2 document(Source s, Referral referral, Organisation to) {
        return DocumentBuilder.build(input(s, referral, to,
                s.screener() != null ? s.screener() : screeners.contactOf(s.screenedBy()),
                questionnaires.find(s.questionnaireId(), s.questionnaireVersion())));
    }

    private static DocumentBuilder.Input input(Source s, Referral referral, Organisation to,
                                               DocumentBuilder.Screener screener, Optional<Questionnaire> questionnaire) {
        return new DocumentBuilder.Input(referral.id(), s.screeningId(), referral.kind(),
                Instant.ofEpochMilli(referral.createdAt()), Instant.ofEpochMilli(referral.dueBy()), s.from(),
                screener, to, s.assessment(), referral.notices(), questionnaire, s.questionnaireId(),
                s.questionnaireVersion(), s.content());
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
