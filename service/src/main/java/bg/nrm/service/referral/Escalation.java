package bg.nrm.service.referral;

import bg.nrm.keys.atrest.Sealer;
import bg.nrm.rules.routing.Router;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.metrics.Meters;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Ids;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Escalation (INDICATORS.md, NRM routing): a referral that is declined, or not acknowledged by its deadline, is
 * marked ESCALATED and a new referral goes to the next recipient of the same type (same region first, then the
 * nearest). Safe with several instances: only the one whose conditional update wins writes the successor.
 */
public final class Escalation {
    private static final Logger LOG = Logger.getLogger(Escalation.class.getName());
    private final Database db;
    private final ReferralStore store;
    private final OrganisationStore directory;
    private final RecipientKeys keys;
    private final ReferralFactory factory;
    private final ReferralSources sources;
    private final Router router;
    private final AuditLog audit;
    private final Clock clock;

    public Escalation(Database db, OrganisationStore directory, RecipientKeys keys, ReferralFactory factory,
                      ScreeningStore screenings, Sealer sealer, Router router, AuditLog audit, Clock clock) {
        this.db = db;
        this.store = new ReferralStore(db);
        this.directory = directory;
        this.keys = keys;
        this.factory = factory;
        this.sources = new ReferralSources(screenings, directory, sealer);
        this.router = router;
        this.audit = audit;
        this.clock = clock;
    }

    /** Escalates every referral past its deadline without acknowledgement; returns how many. */
    public int escalateOverdue() {
        long now = clock.millis();
        // A referral that could not be delivered, or was declined but not yet passed on, is escalated at once.
        int count = 0;
        for (ReferralStore.Due d : store.escalable(now, 100)) {
            try {
                if (escalate(d.id(), d.state().escalationReason()).escalated()) {
                    count++;
                }
            } catch (RuntimeException e) {
                // One broken row must not stop every other escalation behind it.
                LOG.warning(() -> "escalation of referral " + d.id() + " failed: " + e.getClass().getName());
            }
        }
        return count;
    }

    /** What an escalation did: whether this call escalated the referral, and the successor's id if any. */
    public record Outcome(boolean escalated, Optional<String> successorId) {
    }

    /**
     * Escalates one referral that may be escalated ({@link ReferralState#ESCALATED}'s moves), unless another instance or a recipient's action got there
     * first.
     */
    public Outcome escalate(String referralId, String reason) {
        Optional<Referral> found = store.find(referralId);
        if (found.isEmpty()) {
            return new Outcome(false, Optional.empty());
        }
        Referral r = found.get();
        Instant now = clock.instant();
        OrganisationStore.Snapshot snapshot = directory.snapshot();
        Map<String, Organisation> byId = snapshot.byId();
        Set<String> tried = Set.copyOf(store.recipientsOfType(r.screeningId(), r.recipientType()));
        Optional<ReferralFactory.Source> source = sources.of(r);
        Optional<Organisation> next = next(r, source, snapshot, tried).map(o -> byId.get(o.id()));
        Optional<Successor> successor = source.flatMap(s -> next.flatMap(to -> successor(r, s, to, now)));
        boolean escalated = db.inTransaction(c -> {
            if (!ReferralStore.transition(c, r.id(), ReferralState.ESCALATED, now.toEpochMilli())) {
                return false;
            }
            ReferralStore.event(c, r.id(), now.toEpochMilli(), ReferralState.ESCALATED, "service",
                    reason + successor.map(s -> "; passed to " + s.referral().recipientId()).orElse("; no further recipient"));
            if (successor.isPresent()) {
                Successor s = successor.get();
                ReferralStore.insert(c, s.referral(), s.envelope(), now.toEpochMilli());
                if (s.referral().consentOverridden()) {
                    audit.append(c, "service", "CONSENT_OVERRIDDEN", s.referral().id(),
                            "escalated identified referral to police without consent: immediate danger to life");
                }
            }
            audit.append(c, "service", "REFERRAL_ESCALATED", r.id(), successor.map(s -> s.referral().id()).orElse(null));
            return true;
        });
        if (escalated) {
            Meters.escalation(successor.isPresent());
        }
        if (escalated && successor.isEmpty()) {
            LOG.warning(() -> "referral " + r.id() + " escalated, but no further recipient of type " + r.recipientType());
        }
        return new Outcome(escalated, escalated ? successor.map(s -> s.referral().id()) : Optional.empty());
    }

    private record Successor(Referral referral, byte[] envelope) {
    }

    /**
     * The next organisation of the same type. Under ruleset 2.x it must also take the person (age, gender) and serve
     * the kind of case, as the routing required of the first one. Without the case content (crypto-shredded) there is
     * nothing left to send, but the search still runs so that the log can say whether anyone was left.
     */
    private Optional<bg.nrm.rules.routing.Organisation> next(Referral r, Optional<ReferralFactory.Source> source,
                                                             OrganisationStore.Snapshot directory, Set<String> tried) {
        // In the directory's order (by id), so that a tie between equally suitable organisations breaks the same way
        // on every run.
        List<bg.nrm.rules.routing.Organisation> facts = directory.routingFacts();
        Optional<CaseContent.Subject> subject = source.filter(s -> !s.assessment().rulesetVersion().startsWith("1."))
                .map(s -> s.content().subject()).filter(s -> s.ageYears() != null);
        if (subject.isEmpty()) {
            return router.nextOfSameType(r.recipientType(), r.child(), r.region(), tried, facts);
        }
        Organisation first = directory.byId().get(r.recipientId());
        String kind = r.child() ? null : kindOfCase(first, source.get().assessment());
        return router.nextOfSameTypeThatTakes(r.recipientType(), r.child(), subject.get().ageYears(),
                subject.get().gender(), kind, r.region(), tried, facts);
    }

    // The kind of case an adult's residential service must serve: the one the first recipient was chosen for when it
    // serves one kind only (a domestic-violence centre), else trafficking when indicated, else general.
    private static String kindOfCase(Organisation first, bg.nrm.rules.Assessment assessment) {
        Set<String> serves = first == null || first.placement() == null || first.placement().serves() == null
                ? Set.of() : Set.copyOf(first.placement().serves());
        if (serves.size() == 1) {
            return serves.iterator().next();
        }
        return assessment.has("TRAFFICKING_INDICATED") ? "TRAFFICKING" : "GENERAL";
    }

    private Optional<Successor> successor(Referral r, ReferralFactory.Source source, Organisation to, Instant now) {
        List<String> certs = keys.encryptionCertificates(to.id(), now);
        if (certs.isEmpty()) {
            return Optional.empty();
        }
        String id = Ids.newId();
        Instant dueBy = now.plusMillis(r.dueBy() - r.createdAt());
        // The successor carries what the first recipient's envelope carried: the same kind and the same notices.
        Referral next = new Referral(id, r.screeningId(), r.fromOrganisation(), to.id(), to.type(), r.anonymised(),
                r.consentOverridden(), r.rule(), r.level(), r.child(), r.region(), ReferralState.PENDING,
                now.toEpochMilli(), dueBy.toEpochMilli(), r.id(), 0, null, null, null, r.minimumData(), r.notices());
        byte[] envelope = factory.envelope(source, next, to, certs);
        return Optional.of(new Successor(next, envelope));
    }
}
