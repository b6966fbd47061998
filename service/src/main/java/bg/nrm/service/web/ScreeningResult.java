package bg.nrm.service.web;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.Finding;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.screening.Recommendation;
import bg.nrm.service.screening.ScreeningViews;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A screening as its screener reads it: the level, each finding with the questions behind it in their own words,
 * the recommendations, and the referrals with recipient names, deadlines and states.
 */
public record ScreeningResult(String id, Instant createdAt, Questionnaire questionnaire, Assessment assessment,
                              List<ScreeningViews.ReferralView> referrals, List<String> advice) {
    // Recommendations arrive as the rules' English sentences; their enum names are the message keys.
    private static final Map<String, String> RECOMMENDATION_KEYS = Stream.of(Recommendation.values())
            .collect(Collectors.toMap(Recommendation::text, Recommendation::name, (a, b) -> a));

    /** The wording of the question behind an indicator code, in the page's language (the code if unknown). */
    public String question(String code, Lang lang) {
        return questionnaire == null ? code : questionnaire.item(code).map(QuestionnaireItem::text)
                .map(t -> lang == Lang.EN ? t.en() : t.bg()).orElse(code);
    }

    public List<Finding> findings() {
        return assessment.findings();
    }

    /** The message key of a recommendation, or null when it is a sentence this page does not know (shown as is). */
    public String recommendationKey(String sentence) {
        String name = RECOMMENDATION_KEYS.get(sentence);
        return name == null ? null : "recommendation." + name;
    }

    /** Whether a referral is past its deadline and still waiting for the recipient. */
    public boolean overdue(ScreeningViews.ReferralView r, Instant now) {
        return r.state().open() && r.state() != bg.nrm.service.referral.ReferralState.ACKNOWLEDGED
                && r.dueBy().isBefore(now);
    }

    static Map<String, QuestionnaireItem> items(Questionnaire q) {
        return q.items().stream().collect(Collectors.toMap(QuestionnaireItem::code, Function.identity()));
    }
}
