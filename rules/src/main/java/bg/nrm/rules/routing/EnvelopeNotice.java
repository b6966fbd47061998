package bg.nrm.rules.routing;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Helplines;
import bg.nrm.rules.LocalizedText;

/**
 * Ruleset 2.x: notices an envelope carries, in Bulgarian and English, for the recipient who opens it. The routing rules
 * decide which envelopes carry which notice; this enum holds the words. Public only because the rule engine's
 * generated code lives in other packages.
 */
public enum EnvelopeNotice {
    DO_NOT_INFORM_FAMILY(
            "ВАЖНО: не уведомявайте семейството – има данни, че член на семейството е замесен.",
            "IMPORTANT: do not inform the family: there is information that a family member is involved."),
    MINIMUM_DATA(
            "Лицето не е дало съгласие за насочване със самоличност. Самоличността му се предоставя само поради "
                    + "опасност за живота и сигналът съдържа само минимума: самоличност, местонахождение и връзка, "
                    + "опасността и контактите на изпращача.",
            "The person did not consent to a referral with their identity. It is given only because of a risk to "
                    + "life, and this referral carries the minimum only: identity, location and contact, the danger "
                    + "and the referrer's contacts."),
    STOP_DEPARTURE(
            "Заминаването на детето предстои до 72 часа: спрете го. Поискайте забрана детето да напуска страната по "
                    + "реда на Закона за българските лични документи и уведомете граничната полиция.",
            "The child's departure is expected within 72 hours: stop it. Have the child barred from leaving the "
                    + "country under the Bulgarian Identity Documents Act and alert the border police."),
    NON_PUNISHMENT(
            "Лицето може да е действало по принуда като предполагаема жертва на трафик (чл. 16а от Наказателния "
                    + "кодекс) и не трябва да бъде третирано като извършител на това основание.",
            "The person may have acted under compulsion as a presumed victim of trafficking (art. 16a of the "
                    + "Criminal Code) and must not be treated as an offender on that account."),
    CHILD_NOT_TO_BE_QUESTIONED_AGAIN(
            "Не разпитвайте детето повторно: изслушване от специалисти в стая за изслушване на деца („синя стая“), "
                    + "медицински преглед от лекар.",
            "Do not question the child again: an interview by specialists in a child-friendly interview room "
                    + "(\"blue room\"), a medical examination by a doctor."),
    ADULT_RIGHTS(
            "Права на лицето: период за възстановяване и размисъл от 30 дни (чл. 26 от Закона за борба с трафика на "
                    + "хора), който не зависи от сътрудничество с разследването; безплатна правна помощ; преводач; "
                    + "обезщетение. Формалната идентификация е от компетентността на прокуратурата и полицията.",
            "The person's rights: a recovery and reflection period of 30 days (art. 26 of the Combating Trafficking "
                    + "in Human Beings Act) that does not depend on cooperating with an investigation; free legal aid; "
                    + "an interpreter; compensation. Formal identification belongs to the prosecution and the police."),
    INTERPRETER_NEEDED(
            "Лицето се нуждае от професионален преводач (никога придружител).",
            "The person needs a professional interpreter (never someone who came with them)."),
    NO_CONSULATE(
            "Лицето търси закрила: не се свързвайте с консулството или с властите на страната на произход.",
            "The person is seeking protection: do not contact the consulate or the authorities of the country of "
                    + "origin."),
    ANONYMISED_CONSULTATION(
            "Анонимна консултация: сигналът не съдържа самоличност. За връзка – организацията, която изпраща "
                    + "сигнала.",
            "Anonymised consultation: this referral carries no identity. Contact the referring organisation.");

    private final Advice advice;

    EnvelopeNotice(String bg, String en) {
        this.advice = new Advice(name(), Helplines.builtIn().fill(new LocalizedText(bg, en)));
    }

    /** The notice with its code and both texts. */
    public Advice advice() {
        return advice;
    }
}
