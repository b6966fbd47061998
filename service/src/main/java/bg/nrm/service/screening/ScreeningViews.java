package bg.nrm.service.screening;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Assessment;
import bg.nrm.service.referral.ReferralState;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** The JSON shapes the screening endpoints answer with. None carries case content. */
public final class ScreeningViews {
    private ScreeningViews() {
    }

    /** A created or read screening. */
    public record ScreeningView(String id, Instant createdAt, String organisationId, String questionnaire,
                                int questionnaireVersion, Assessment assessment, List<ReferralView> referrals,
                                List<String> advice,
                                @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Advice> routingAdvice) {

        /** A view without bilingual routing advice (ruleset 1.x, and reads of a stored screening). */
        public ScreeningView(String id, Instant createdAt, String organisationId, String questionnaire,
                             int questionnaireVersion, Assessment assessment, List<ReferralView> referrals,
                             List<String> advice) {
            this(id, createdAt, organisationId, questionnaire, questionnaireVersion, assessment, referrals, advice,
                    List.of());
        }
    }

    /** A referral as the screener sees it. {@code history} is filled on reads, not in the creation response. */
    public record ReferralView(String id, Recipient recipient, boolean anonymised, Instant dueBy, ReferralState state,
                               String escalatedFrom, List<HistoryEntry> history) {
    }

    /** The organisation a referral is addressed to. */
    public record Recipient(String id, String type, String name) {
    }

    /** One step of a referral's history; {@code reason} is the free text given, unsealed for the screener. */
    public record HistoryEntry(Instant at, ReferralState state, String actor, String detail, String reason) {
    }

    /** The screener's view of a referral; {@code history} null when not asked for. */
    public static ReferralView view(bg.nrm.service.referral.Referral r, bg.nrm.service.directory.Organisation to,
                                    List<HistoryEntry> history) {
        Recipient recipient = new Recipient(r.recipientId(), r.recipientType().name(), to == null ? null : to.name());
        return new ReferralView(r.id(), recipient, r.anonymised(), Instant.ofEpochMilli(r.dueBy()), r.state(),
                r.escalatedFrom(), history);
    }
}
