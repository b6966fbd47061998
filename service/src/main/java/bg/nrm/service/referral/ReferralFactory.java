package bg.nrm.service.referral;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.ExploitationForm;
import bg.nrm.service.cases.Bands;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.http.Json;

import java.time.Instant;
import java.util.List;

/**
 * Writes the document a recipient receives and seals it into an OpenPGP envelope: signed with the service key,
 * encrypted to the recipient's certificates. The plaintext exists only in memory, never on disk or in the database.
 */
public final class ReferralFactory {
    private final ServiceSigningKey signingKey;

    public ReferralFactory(ServiceSigningKey signingKey) {
        this.signingKey = signingKey;
    }

    /** The facts of the screening that a referral may carry. */
    public record Source(String screeningId, Organisation from, Assessment assessment, CaseContent content) {
    }

    /** Builds the document for one recipient and returns the armored envelope. */
    public String envelope(Source source, String referralId, Organisation to, boolean anonymised, Instant createdAt,
                           Instant dueBy, List<String> recipientCertificates) {
        ReferralDocument doc = document(source, referralId, to, anonymised, createdAt, dueBy);
        byte[] plaintext = Json.write(doc);
        return Envelopes.signAndEncrypt(plaintext, signingKey, recipientCertificates);
    }

    static ReferralDocument document(Source s, String referralId, Organisation to, boolean anonymised,
                                     Instant createdAt, Instant dueBy) {
        var subject = s.content().subject();
        Assessment a = s.assessment();
        ReferralDocument.Subject docSubject = anonymised
                ? new ReferralDocument.Subject(subject.region(), Bands.ageBand(subject.ageYears()), subject.gender(),
                        null, null, null, null, null)
                : new ReferralDocument.Subject(subject.region(), Bands.ageBand(subject.ageYears()), subject.gender(),
                        subject.ageYears(), subject.ageUncertain(), subject.citizenship(), subject.ref(),
                        subject.identity() == null ? null : new ReferralDocument.Identity(subject.identity().name(),
                                subject.identity().dateOfBirth(), subject.identity().location(),
                                subject.identity().contact()));
        // An anonymised notice carries no case reference, not even the screening id that identified ones share.
        return new ReferralDocument(ReferralDocument.NOTICE, referralId, anonymised ? null : s.screeningId(),
                createdAt.toString(),
                dueBy.toString(), anonymised, party(s.from()), party(to), a.level().name(), a.findings(),
                a.exploitationForms().stream().map(ExploitationForm::name).toList(), a.recommendations(),
                a.rulesetVersion(), docSubject, anonymised ? null : s.content().answers(),
                anonymised ? null : s.content().notes());
    }

    private static ReferralDocument.Party party(Organisation o) {
        return new ReferralDocument.Party(o.id(), o.name(), o.type().name());
    }

}
