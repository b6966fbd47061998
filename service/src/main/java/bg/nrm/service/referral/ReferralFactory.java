package bg.nrm.service.referral;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.ExploitationForm;
import bg.nrm.rules.routing.RouteTarget;
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

    /**
     * Builds the document the routing decided for one recipient (ruleset 2.x: with its notices, and the minimum only
     * when the target says so) and returns the armored envelope.
     */
    public String envelope(Source source, String referralId, Organisation to, RouteTarget target, Instant createdAt,
                           Instant dueBy, List<String> recipientCertificates) {
        ReferralDocument doc = document(source, referralId, to, target.anonymised(), createdAt, dueBy);
        if (target.minimumData()) {
            doc = minimum(doc);
        }
        if (!target.notices().isEmpty()) {
            doc = doc.withNotices(target.notices());
        }
        return Envelopes.signAndEncrypt(Json.write(doc), signingKey, recipientCertificates);
    }

    /**
     * Minimum data on a consent override (RULESET-2.md §4): identity, location and contact, the immediate-danger
     * findings with their indicators, and the referring organisation; no notes, no other answers, no other findings,
     * no case reference and no citizenship.
     */
    static ReferralDocument minimum(ReferralDocument d) {
        ReferralDocument.Subject s = d.subject();
        ReferralDocument.Subject subject = new ReferralDocument.Subject(s.region(), s.ageBand(), s.gender(),
                s.ageYears(), null, null, null, s.identity());
        return new ReferralDocument(d.notice(), d.referralId(), d.screeningId(), d.createdAt(), d.dueBy(),
                d.anonymised(), d.from(), d.to(), d.level(),
                d.findings().stream().filter(f -> f.code().equals("IMMEDIATE_DANGER")).toList(), List.of(), List.of(),
                d.rulesetVersion(), subject, null, null);
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
