package bg.nrm.rules.screening;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Helplines;
import bg.nrm.rules.LocalizedText;

/**
 * Ruleset 2.x: advice for the screener, in Bulgarian and English, most urgent first. The rules of
 * {@code ruleset2/screening/06-advice.drl} pick them; this enum only holds the wording and the order. Telephone numbers
 * come from {@link Helplines} ({@code {id}} in a text).
 */
public enum ScreenerAdvice {
    CALL_112_NOW(
            "Обадете се сега на 112 за спешна медицинска помощ: има остър риск от самоубийство или самонараняване. "
                    + "Не оставяйте човека сам.",
            "Call 112 now for emergency medical care: there is an acute risk of suicide or self-harm. "
                    + "Do not leave the person alone."),
    ACT_WITHIN_THE_HOUR(
            "Действайте в рамките на един час: човекът може да е в опасност сега. При опасност за живота се обадете "
                    + "на {emergency}.",
            "Act within the hour: the person may be in danger now. If a life is at risk, call {emergency}."),
    REPORT_CHILD_NOW(
            "Съобщете незабавно на отдел „Закрила на детето“ (ОЗД) по настоящия адрес на детето: това е задължение "
                    + "по чл. 7 от Закона за закрила на детето и не изисква съгласие. Извън работното време на ОЗД "
                    + "се обадете на {emergency} или на Националната телефонна линия за деца {children}.",
            "Report the child at once to the Child Protection Department (ОЗД) of the child's current address: it is "
                    + "a duty under art. 7 of the Child Protection Act and needs no consent. Outside the department's "
                    + "working hours call {emergency} or the National Helpline for Children {children}."),
    TELL_POLICE_CHILD_SEXUAL_ABUSE(
            "Съобщете незабавно и на полицията. Не разпитвайте детето за насилието и не го преглеждайте: разговорът "
                    + "се води от специалисти в стая за изслушване на деца („синя стая“), а прегледът – от лекар.",
            "Tell the police at once as well. Do not question the child about the abuse and do not examine them: "
                    + "specialists talk with the child in a child-friendly interview room (\"blue room\"), and a "
                    + "doctor does the examination."),
    STOP_CHILD_DEPARTURE(
            "Съобщете незабавно на полицията, за да бъде спряно заминаването на детето: полицията може да наложи "
                    + "забрана детето да напуска страната и да уведоми граничната полиция.",
            "Tell the police at once so that the child's departure is stopped: the police can have the child barred "
                    + "from leaving the country and alert the border police."),
    UNACCOMPANIED_CHILD(
            "Детето е в България без родител или законен представител: ОЗД, Държавната агенция за закрила на детето "
                    + "и полицията се уведомяват веднага, а ОЗД осигурява представител на детето. Ако детето търси "
                    + "закрила, уведомява се и Държавната агенция за бежанците (ДАБ).",
            "The child is in Bulgaria without a parent or legal guardian: the Child Protection Department, the State "
                    + "Agency for Child Protection and the police are told at once, and the department arranges a "
                    + "representative for the child. If the child seeks protection, the State Agency for Refugees "
                    + "is told as well."),
    REFER_WITHIN_24_HOURS(
            "Насочете в рамките на 24 часа. Това е сигнал за насочване, а не идентификация на жертва.",
            "Refer within 24 hours. This is a risk flag for referral, not an identification of a victim."),
    REFER_WITHIN_72_HOURS(
            "Насочете в рамките на 72 часа за подкрепа и проследяване.",
            "Refer within 72 hours for support and follow-up."),
    DO_NOT_INFORM_FAMILY(
            "Не уведомявайте семейството: има данни, че член на семейството е замесен. Всеки сигнал го казва.",
            "Do not inform the family: there is information that a family member is involved. Every referral says "
                    + "so."),
    DO_NOT_CONFRONT(
            "Не търсете и не предупреждавайте хората, за които има съмнение, и не им позволявайте да научат за "
                    + "сигнала.",
            "Do not confront or contact the people suspected, and do not let them learn of the referral."),
    KEEP_CHILD_SAFE(
            "Погрижете се детето да е на сигурно място и далеч от хората, за които има съмнение. Изслушайте го, ако "
                    + "само започне да разказва, но не го разпитвайте: това е работа на специалистите.",
            "Make sure the child is somewhere safe, away from the people suspected. Listen if the child starts to "
                    + "tell you, but do not question them: that is the specialists' work."),
    SPEAK_ALONE(
            "Говорете с човека насаме, далеч от всеки, който може да го контролира.",
            "Speak with the person alone, away from anyone who may control them."),
    USE_AN_INTERPRETER(
            "Използвайте професионален преводач, никога придружител на човека.",
            "Use a professional interpreter, never someone who came with the person."),
    CONSULATE_ONLY_WITH_CONSENT(
            "Свържете се с консулството на страната на човека само с неговото съгласие.",
            "Contact the consulate of the person's country only with their consent."),
    NO_CONSULATE_FOR_ASYLUM_SEEKER(
            "Не се свързвайте с консулството или с властите на страната на произход: човекът търси закрила.",
            "Do not contact the consulate or the authorities of the country of origin: the person is seeking "
                    + "protection."),
    ADULT_RIGHTS(
            "Кажете на човека какви права има: период за възстановяване и размисъл от 30 дни (чл. 26 от Закона за "
                    + "борба с трафика на хора), който не зависи от сътрудничество с разследването; безплатна правна "
                    + "помощ; преводач; обезщетение. Формалната идентификация е работа на прокуратурата и "
                    + "полицията.",
            "Tell the person about their rights: a recovery and reflection period of 30 days (art. 26 of the "
                    + "Combating Trafficking in Human Beings Act) that does not depend on cooperating with an "
                    + "investigation; free legal aid; an interpreter; compensation. Formal identification belongs to "
                    + "the prosecution and the police."),
    TRAFFICKING_CONTACTS(
            "За консултация: Национална комисия за борба с трафика на хора, {national-commission}; национална "
                    + "гореща линия срещу трафика на хора {trafficking-hotline} (денонощно, безплатно).",
            "For advice: National Commission for Combating Trafficking in Human Beings, {national-commission}; "
                    + "national anti-trafficking hotline {trafficking-hotline} (24/7, free)."),
    NON_PUNISHMENT(
            "Човекът може да е извършил нарушение по принуда, като предполагаема жертва на трафик (чл. 16а от "
                    + "Наказателния кодекс): не трябва да бъде третиран като извършител на това основание. Сигналът "
                    + "до полицията го казва.",
            "The person may have broken the law under compulsion, as a presumed victim of trafficking (art. 16a of "
                    + "the Criminal Code): they must not be treated as an offender on that account. The referral to "
                    + "the police says so."),
    DOMESTIC_VIOLENCE_HELP(
            "Дайте на човека номера на Националната линия за пострадали от домашно насилие {domestic-violence} "
                    + "(денонощно: {domestic-violence-24h}) и кажете, че може да поиска заповед за защита от районния "
                    + "съд по Закона за защита от домашното насилие. Полицията се уведомява с негово съгласие или при "
                    + "опасност за живота.",
            "Give the person the number of the national helpline for victims of domestic violence "
                    + "{domestic-violence} (24/7: {domestic-violence-24h}) and tell them they can ask the district "
                    + "court for a protection order under the Protection against Domestic Violence Act. The police are "
                    + "told with their consent or when a life is at risk."),
    ASK_CONSENT_AGAIN(
            "Пълнолетният човек не е дал съгласие за насочване със самоличност: обяснете възможностите и попитайте "
                    + "отново; междувременно сигналите са без самоличност, освен до полицията при опасност за "
                    + "живота.",
            "The adult has not consented to a referral with their identity: explain the options and ask again; "
                    + "meanwhile referrals carry no identity, except to the police when a life is at risk."),
    RESCREEN_WITHOUT_CONSENT(
            "Без съгласието на пълнолетния човек на това ниво не се прави насочване: предложете подкрепа и направете "
                    + "нов скрининг до 14 дни.",
            "Without the adult's consent no referral is made at this level: offer support and screen again within "
                    + "14 days."),
    ESTABLISH_AGE(
            "Отнасяйте се към човека като към дете, докато възрастта му бъде установена; след това направете нов "
                    + "скрининг с въпросника за деца (child-risk).",
            "Treat the person as a child until their age is established; then screen again with the child "
                    + "questionnaire (child-risk)."),
    COMPLETE_KEY_QUESTIONS(
            "При следващия контакт попълнете ключовите въпроси, за които сега няма информация.",
            "At the next contact, complete the key questions for which there is no information now."),
    STAY_IN_CONTACT(
            "Сега не е нужно насочване: поддържайте контакт и направете нов скрининг, ако се появят нови признаци.",
            "No referral is needed now: stay in contact and screen again if new signs appear."),
    CHILD_HELPLINE(
            "Детето и близките му могат да се обадят денонощно и безплатно на Националната телефонна линия за деца "
                    + "{children}.",
            "The child and those close to them can call the National Helpline for Children {children}, free, at "
                    + "any hour.");

    private final Advice advice;

    ScreenerAdvice(String bg, String en) {
        this.advice = new Advice(name(), Helplines.builtIn().fill(new LocalizedText(bg, en)));
    }

    /** The advice with its code and both texts, numbers filled in. */
    public Advice advice() {
        return advice;
    }
}
