package bg.nrm.rules.routing;

import bg.nrm.rules.Advice;
import bg.nrm.rules.LocalizedText;

import java.util.EnumMap;
import java.util.Map;

/**
 * Ruleset 2.x: what each kind of recipient reads first in its envelope: why the case came to it and whom to contact.
 * The referring organisation is named, with its contacts, by the referral document itself.
 */
final class RecipientRole {
    private static final Map<Recipient, Advice> CHILD = new EnumMap<>(Recipient.class);
    private static final Map<Recipient, Advice> ADULT = new EnumMap<>(Recipient.class);

    static {
        child(Recipient.CHILD_PROTECTION_DEPARTMENT,
                "Детето е насочено към вас от организацията, която изпраща сигнала, по чл. 7 от Закона за закрила на "
                        + "детето. Свържете се с нея, преценете нуждата от закрила и предприемете мерки.",
                "The child is referred to you by the referring organisation under art. 7 of the Child Protection "
                        + "Act. Contact it, assess the need for protection and take measures.");
        child(Recipient.CHILDREN_CRISIS_CENTRE,
                "Детето може да се нуждае от настаняване при вас. Свържете се с отдел „Закрила на детето“, който "
                        + "решава настаняването, и с организацията, която изпраща сигнала.",
                "The child may need a place with you. Contact the Child Protection Department, which decides the "
                        + "placement, and the referring organisation.");
        child(Recipient.POLICE,
                "Сигнал за дете в риск. Свържете се с организацията, която го изпраща, и с отдел „Закрила на детето“.",
                "A child at risk. Contact the referring organisation and the Child Protection Department.");
        child(Recipient.CHILD_PROTECTION_AGENCY,
                "Сигнал за дете в риск за координация по Координационния механизъм за деца в риск от насилие.",
                "A child at risk, for coordination under the Coordination Mechanism for children at risk of "
                        + "violence.");
        child(Recipient.COMMUNITY_SUPPORT,
                "Детето е насочено към вас за подкрепа и проследяване. Свържете се с организацията, която изпраща "
                        + "сигнала, и с отдел „Закрила на детето“.",
                "The child is referred to you for support and follow-up. Contact the referring organisation and the "
                        + "Child Protection Department.");
        child(Recipient.REFUGEE_AGENCY,
                "Непридружено дете, което търси закрила: уязвимостта му трябва да бъде взета предвид в "
                        + "производството. Свържете се с отдел „Закрила на детето“.",
                "An unaccompanied child seeking protection: their vulnerability must be taken into account in the "
                        + "procedure. Contact the Child Protection Department.");
        both(Recipient.LOCAL_COMMISSION,
                "Анонимен сигнал за сведение и статистика; не се изисква действие по случая.",
                "An anonymised notice, for information and statistics; no action on the case is asked.");
        both(Recipient.NATIONAL_COMMISSION,
                "Анонимен сигнал за сведение и статистика; не се изисква действие по случая.",
                "An anonymised notice, for information and statistics; no action on the case is asked.");
        adult(Recipient.POLICE,
                "Сигнал за пълнолетен човек в опасност. Свържете се с организацията, която изпраща сигнала.",
                "An adult in danger. Contact the referring organisation.");
        for (Recipient r : new Recipient[] {Recipient.ADULT_CRISIS_CENTRE_OR_SHELTER,
                Recipient.PROTECTION_CENTRE_OR_SHELTER, Recipient.DOMESTIC_VIOLENCE_CRISIS_CENTRE,
                Recipient.ADULT_CRISIS_CENTRE}) {
            adult(r, "Човекът може да се нуждае от настаняване и подкрепа при вас. Свържете се с организацията, която "
                            + "изпраща сигнала.",
                    "The person may need a place and support with you. Contact the referring organisation.");
        }
        for (Recipient r : new Recipient[] {Recipient.COMMUNITY_SUPPORT,
                Recipient.COMMUNITY_SUPPORT_OR_PROTECTION_CENTRE}) {
            adult(r, "Човекът е насочен към вас за подкрепа и проследяване, с неговото съгласие. Свържете се с "
                            + "организацията, която изпраща сигнала.",
                    "The person is referred to you, with their consent, for support and follow-up. Contact the "
                            + "referring organisation.");
        }
        adult(Recipient.REFUGEE_AGENCY,
                "Лице, което търси закрила, с индикатори за риск; насочено с негово съгласие. Уязвимостта му трябва да "
                        + "бъде взета предвид в производството.",
                "A person seeking protection, with indicators of risk, referred with their consent. Their "
                        + "vulnerability must be taken into account in the procedure.");
    }

    private RecipientRole() {
    }

    private static void child(Recipient r, String bg, String en) {
        CHILD.put(r, new Advice("TO_" + r.name(), new LocalizedText(bg, en)));
    }

    private static void adult(Recipient r, String bg, String en) {
        ADULT.put(r, new Advice("TO_" + r.name(), new LocalizedText(bg, en)));
    }

    private static void both(Recipient r, String bg, String en) {
        child(r, bg, en);
        adult(r, bg, en);
    }

    /** Advice for the screener when no organisation in the directory can be this recipient. */
    static Advice notFound(Recipient recipient, String region, java.util.Collection<Organisation> directory) {
        if (recipient == Recipient.LOCAL_COMMISSION) {
            return new Advice("NO_LOCAL_COMMISSION", new LocalizedText(
                    "Няма местна комисия за борба с трафика на хора, която да обхваща област " + region
                            + "; уведомява се само Националната комисия.",
                    "No local commission covers region " + region + "; only the National Commission is told."));
        }
        return new Advice("RECIPIENT_NOT_FOUND", new LocalizedText(
                "Внимание: в указателя няма получател, който да поеме случая („" + recipient.description()
                        + "“); не е изпратен сигнал до такъв получател. Свържете се с такава служба пряко и "
                        + "уведомете администратора.",
                "Warning: no organisation in the directory can take the case as " + recipient.description()
                        + "; no referral to one was made. Contact one directly and tell the administrator."));
    }

    /** The text for this recipient, or {@code null} when there is none for children or adults. */
    static Advice of(Recipient recipient, boolean child) {
        return (child ? CHILD : ADULT).get(recipient);
    }
}
