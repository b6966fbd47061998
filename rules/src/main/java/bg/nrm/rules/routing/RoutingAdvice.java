package bg.nrm.rules.routing;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Helplines;
import bg.nrm.rules.LocalizedText;

/**
 * Ruleset 2.x: advice for the screener about who is told, in Bulgarian and English. The routing rules pick them.
 * Public only because the rule engine's generated code lives in other packages.
 */
public enum RoutingAdvice {
    POLICE_TOLD_WITHOUT_CONSENT(
            "Полицията получи самоличността на пълнолетния човек без неговото съгласие, защото животът му е в "
                    + "опасност; сигналът съдържа само минималните данни и това е записано. Кажете на човека, ако е "
                    + "безопасно.",
            "The police were given the adult's identity without their consent because their life is at risk; the "
                    + "referral carries the minimum only and the override is recorded. Tell the person, if it is safe."),
    SELF_HARM_NOBODY_WITHOUT_CONSENT(
            "Без съгласието на човека никой не получава самоличността му. Обадете се на {emergency} за спешна "
                    + "медицинска помощ; със съгласието му се уведомява кризисен център за възрастни.",
            "Without the person's consent nobody is given their identity. Call {emergency} for emergency medical "
                    + "care; with their consent a crisis centre for adults is told."),
    NOBODY_WITHOUT_CONSENT(
            "Никой не е уведомен: пълнолетният човек не е дал съгласие за насочване. Направете нов скрининг до 14 "
                    + "дни.",
            "Nobody is told: the adult did not consent to a referral. Screen again within 14 days."),
    NOBODY_AT_THIS_LEVEL(
            "На това ниво не се изпраща сигнал; скринингът се отчита само в статистиката.",
            "Nobody is told at this level; the screening counts for statistics only.");

    private final Advice advice;

    RoutingAdvice(String bg, String en) {
        this.advice = new Advice(name(), Helplines.builtIn().fill(new LocalizedText(bg, en)));
    }

    /** The advice with its code and both texts. */
    public Advice advice() {
        return advice;
    }
}
