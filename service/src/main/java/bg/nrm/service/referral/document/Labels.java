package bg.nrm.service.referral.document;

import java.util.Map;

/**
 * The words a reader sees for the codes of an assessment and the directory: risk levels, findings, forms of
 * exploitation, organisation types, and what each type of recipient is asked to do. Unknown codes (a newer ruleset
 * than this table) are shown as the code itself, never dropped.
 */
final class Labels {
    private Labels() {
    }

    static final Map<String, Bilingual> LEVELS = Map.of(
            "NONE", Bilingual.of("няма установен риск", "no risk found"),
            "LOW", Bilingual.of("нисък риск", "low risk"),
            "MEDIUM", Bilingual.of("среден риск", "medium risk"),
            "HIGH", Bilingual.of("висок риск", "high risk"),
            "IMMEDIATE", Bilingual.of("непосредствена опасност", "immediate danger"));

    static final Map<String, Bilingual> FINDINGS = Map.ofEntries(
            Map.entry("DR_POSITIVE", Bilingual.of("набиране чрез заблуждаване", "deceptive recruitment")),
            Map.entry("CR_POSITIVE", Bilingual.of("набиране чрез принуда", "coercive recruitment")),
            Map.entry("VR_POSITIVE", Bilingual.of("набиране чрез злоупотреба с уязвимост",
                    "recruitment by abuse of vulnerability")),
            Map.entry("EX_POSITIVE", Bilingual.of("експлоатация", "exploitation")),
            Map.entry("CD_POSITIVE", Bilingual.of("принуда на мястото на експлоатация", "coercion at destination")),
            Map.entry("VD_POSITIVE", Bilingual.of("злоупотреба с уязвимост на мястото на експлоатация",
                    "abuse of vulnerability at destination")),
            Map.entry("CH_POSITIVE", Bilingual.of("признаци, специфични за дете", "child-specific signs")),
            Map.entry("VI_POSITIVE", Bilingual.of("насилие", "violence")),
            Map.entry("TRAFFICKING_INDICATED", Bilingual.of("индикации за трафик на хора",
                    "trafficking in human beings indicated")),
            Map.entry("CHILD_SEXUAL_ABUSE_WITH_RISK", Bilingual.of("сексуално насилие над дете с риск от трафик",
                    "child sexual abuse with a risk of trafficking")),
            Map.entry("CHILD_SEXUAL_ABUSE", Bilingual.of("сексуално насилие над дете", "child sexual abuse")),
            Map.entry("CHILD_IN_NEED_OF_PROTECTION", Bilingual.of("дете в риск, нуждаещо се от закрила (ЗЗД, чл. 7)",
                    "child at risk in need of protection (Child Protection Act, art. 7)")),
            Map.entry("IMMEDIATE_DANGER", Bilingual.of("непосредствена опасност", "immediate danger")),
            Map.entry("INSUFFICIENT_INFORMATION", Bilingual.of("недостатъчна информация по ключови въпроси",
                    "insufficient information on key questions")),
            Map.entry("AGE_UNCERTAIN_TREATED_AS_CHILD", Bilingual.of("възрастта е несигурна: третира се като дете",
                    "age uncertain: treated as a child")));

    static final Map<String, Bilingual> FORMS = Map.of(
            "SEXUAL", Bilingual.of("сексуална експлоатация", "sexual exploitation"),
            "LABOUR", Bilingual.of("трудова експлоатация", "labour exploitation"),
            "BEGGING", Bilingual.of("принуда към просия", "forced begging"),
            "CRIMINAL_ACTIVITY", Bilingual.of("принуда към противоправни дейности", "forced criminal activity"),
            "FORCED_MARRIAGE", Bilingual.of("принудителен брак", "forced marriage"),
            "CHILD_SALE", Bilingual.of("продажба на дете", "sale of a child"));

    static final Map<String, Bilingual> TYPES = Map.ofEntries(
            Map.entry("SOCIAL_SERVICE", Bilingual.of("социална услуга", "social service")),
            Map.entry("COMMUNITY_SUPPORT", Bilingual.of("център за обществена подкрепа", "community support centre")),
            Map.entry("CRISIS_CENTRE_CHILDREN", Bilingual.of("кризисен център за деца", "crisis centre for children")),
            Map.entry("CRISIS_CENTRE_ADULTS", Bilingual.of("кризисен център за пълнолетни", "crisis centre for adults")),
            Map.entry("SHELTER", Bilingual.of("приют", "shelter")),
            Map.entry("PROTECTION_CENTRE", Bilingual.of("център за защита и помощ на пострадали от трафик",
                    "centre for protection and assistance of trafficked persons")),
            Map.entry("CHILD_PROTECTION", Bilingual.of("отдел „Закрила на детето“", "child protection department")),
            Map.entry("CHILD_PROTECTION_AGENCY", Bilingual.of("Държавна агенция за закрила на детето",
                    "State Agency for Child Protection")),
            Map.entry("STATE_AGENCY_REFUGEES", Bilingual.of("Държавна агенция за бежанците",
                    "State Agency for Refugees")),
            Map.entry("POLICE", Bilingual.of("полиция", "police")),
            Map.entry("LOCAL_COMMISSION", Bilingual.of("местна комисия за борба с трафика на хора",
                    "local commission for combating trafficking")),
            Map.entry("NATIONAL_COMMISSION", Bilingual.of("Национална комисия за борба с трафика на хора",
                    "National Commission for combating trafficking")));

    static final Map<String, Bilingual> GENDERS = Map.of(
            "female", Bilingual.of("женски", "female"),
            "male", Bilingual.of("мъжки", "male"),
            "other", Bilingual.of("друг", "other"),
            "unknown", Bilingual.of("не е известен", "unknown"));

    static final Map<String, Bilingual> ANSWERS = Map.of(
            "yes", Bilingual.of("Да", "Yes"),
            "no", Bilingual.of("Не", "No"),
            "unknown", Bilingual.of("Няма информация", "No information"));

    private static final Bilingual ACK = Bilingual.of(
            " Потвърдете получаването в системата до крайния срок; иначе сигналът се насочва към друга организация.",
            " Acknowledge receipt in the system by the deadline; otherwise the referral is passed to another organisation.");

    private static final Map<String, Bilingual> ASKED = Map.ofEntries(
            Map.entry("CHILD_PROTECTION", Bilingual.of(
                    "Проверете сигнала и предприемете мерки за закрила на детето по Закона за закрила на детето.",
                    "Check the referral and take measures to protect the child under the Child Protection Act.")),
            Map.entry("POLICE", Bilingual.of(
                    "Проверете сигнала и действайте по компетентност; при непосредствена опасност действайте веднага.",
                    "Check the referral and act within your competence; in immediate danger, act at once.")),
            Map.entry("CHILD_PROTECTION_AGENCY", Bilingual.of(
                    "Вземете сигнала на контрол и съдействайте на отдел „Закрила на детето“.",
                    "Monitor the case and support the child protection department.")),
            Map.entry("CRISIS_CENTRE_CHILDREN", Bilingual.of(
                    "Проверете дали можете да настаните детето и се свържете с насочващия.",
                    "Check whether you can take the child in and contact the referrer.")),
            Map.entry("CRISIS_CENTRE_ADULTS", Bilingual.of(
                    "Проверете дали можете да настаните лицето и се свържете с насочващия.",
                    "Check whether you can take the person in and contact the referrer.")),
            Map.entry("SHELTER", Bilingual.of(
                    "Проверете дали можете да настаните лицето и се свържете с насочващия.",
                    "Check whether you can take the person in and contact the referrer.")),
            Map.entry("PROTECTION_CENTRE", Bilingual.of(
                    "Проверете дали можете да подкрепите лицето и се свържете с насочващия.",
                    "Check whether you can support the person and contact the referrer.")),
            Map.entry("COMMUNITY_SUPPORT", Bilingual.of(
                    "Свържете се с насочващия и предложете подкрепа в общността.",
                    "Contact the referrer and offer support in the community.")),
            Map.entry("STATE_AGENCY_REFUGEES", Bilingual.of(
                    "Проверете сигнала в производството за международна закрила.",
                    "Check the referral in the international protection procedure.")),
            Map.entry("LOCAL_COMMISSION", Bilingual.of(
                    "За сведение и наблюдение на механизма; не се изискват действия по конкретен случай.",
                    "For information and monitoring of the mechanism; no action on an individual case is asked.")),
            Map.entry("NATIONAL_COMMISSION", Bilingual.of(
                    "За сведение и наблюдение на механизма; не се изискват действия по конкретен случай.",
                    "For information and monitoring of the mechanism; no action on an individual case is asked.")));

    static Bilingual asked(String recipientType) {
        Bilingual what = ASKED.getOrDefault(recipientType, Bilingual.of("Проверете сигнала и действайте по компетентност.",
                "Check the referral and act within your competence."));
        return Bilingual.of(what.bg() + ACK.bg(), what.en() + ACK.en());
    }

    static Bilingual label(Map<String, Bilingual> table, String code) {
        return table.getOrDefault(code, Bilingual.of(code, code));
    }
}
