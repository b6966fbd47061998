package bg.nrm.service.referral.document;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.ExploitationForm;
import bg.nrm.rules.Finding;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Regions;
import bg.nrm.service.cases.Bands;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.directory.Organisation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the document one recipient receives, carrying only what its kind allows:
 * <ul>
 *   <li>{@link Kind#IDENTIFIED}: everything, including identity, answers and the screener's notes;</li>
 *   <li>{@link Kind#ANONYMISED}: region, age band and gender of the person, the findings with their questions, the
 *       advice; no name, case reference, exact age, citizenship, answers, notes or screening id;</li>
 *   <li>{@link Kind#MINIMUM_DATA} (police on a consent override, RULESET-V2.md §3): identity, location and contact,
 *       the immediate-danger findings with their questions, the referrer's contacts and the notices; no notes, no
 *       other answers.</li>
 * </ul>
 */
public final class DocumentBuilder {
    /** The time zone Bulgarian readers act in. */
    public static final ZoneId SOFIA = ZoneId.of("Europe/Sofia");
    private static final int NOTE_PIECE = 200;

    private DocumentBuilder() {
    }

    /** What a document may carry. */
    public enum Kind {
        IDENTIFIED("identified", Bilingual.of(
                "Идентифициран сигнал: съдържа данните за лицето, отговорите и бележките на насочващия.",
                "Identified referral: carries the person's details, the answers and the referrer's notes.")),
        ANONYMISED("anonymised", Bilingual.of(
                "Анонимизиран сигнал (консултация без самоличност): съдържа само област, възрастова група и пол; "
                        + "без име, номер на случая, точна възраст, гражданство, отговори и бележки.",
                "Anonymised referral (consultation without identity): carries only region, age band and gender; "
                        + "no name, case reference, exact age, citizenship, answers or notes.")),
        MINIMUM_DATA("minimum-data", Bilingual.of(
                "Сигнал с минимални данни (без съгласие, при опасност за живота): самоличност, местонахождение и "
                        + "контакт, находките за непосредствена опасност и контактите на насочващия; без бележки и "
                        + "без други отговори.",
                "Minimum-data referral (without consent, danger to life): identity, location and contact, the "
                        + "immediate-danger findings and the referrer's contacts; no notes and no other answers."));

        private final String code;
        private final Bilingual carries;

        Kind(String code, Bilingual carries) {
            this.code = code;
            this.carries = carries;
        }

        public String code() {
            return code;
        }

        public Bilingual carries() {
            return carries;
        }
    }

    /** The screener who filled in the questionnaire, as on their account. */
    public record Screener(String name, String phone) {
    }

    /**
     * Everything a document is made from. {@code notices} are what the routing chose for this recipient (ruleset
     * 2.x: its role first, then notices; empty under 1.x). {@code questionnaire} is empty only if its definition is
     * unknown.
     */
    public record Input(String referralId, String screeningId, Kind kind, Instant createdAt, Instant dueBy,
                        Organisation from, Screener screener, Organisation to, Assessment assessment,
                        List<Advice> notices, Optional<Questionnaire> questionnaire, String questionnaireId,
                        int questionnaireVersion, CaseContent content) {
    }

    public static final Bilingual NOTICE = Bilingual.of(
            "Сигнал за насочване: при скрининг са открити индикатори за трафик на хора или насилие. Това не е "
                    + "идентификация на жертва; официалната идентификация е по процедурите на Националния механизъм "
                    + "за насочване.",
            "Risk flag for referral: a screening found indicators of trafficking in human beings or violence. This is "
                    + "not an identification of a victim; formal identification belongs to the National Referral "
                    + "Mechanism's procedures.");

    /** Builds the document for one recipient. */
    public static DocumentV2 build(Input in) {
        Kind kind = in.kind();
        boolean identified = kind == Kind.IDENTIFIED;
        return new DocumentV2(DocumentV2.SCHEMA_VERSION, in.referralId(), identified ? in.screeningId() : null,
                kind.code(), kind.carries(), NOTICE, time(in.createdAt()), time(in.dueBy()),
                Labels.asked(in.to().type().name()),
                new DocumentV2.From(party(in.from()), in.screener() == null ? null
                        : new DocumentV2.Screener(in.screener().name(), in.screener().phone())),
                party(in.to()), person(in, kind), assessment(in, kind),
                identified ? new TreeMap<>(in.content().answers()) : null,
                identified ? otherYes(in) : null,
                identified ? pieces(in.content().notes()) : null);
    }

    /** An instant in UTC and Sofia time, whole seconds. */
    public static DocumentV2.Time time(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.SECONDS);
        return new DocumentV2.Time(DateTimeFormatter.ISO_INSTANT.format(t),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(SOFIA)), SOFIA.getId());
    }

    private static DocumentV2.Party party(Organisation o) {
        Organisation.Contacts c = o.contacts();
        return new DocumentV2.Party(o.id(), o.name(), o.type().name(), Labels.label(Labels.TYPES, o.type().name()),
                c.address(), c.dutyPhone(), c.outOfHoursPhone(), c.email());
    }

    private static DocumentV2.Person person(Input in, Kind kind) {
        CaseContent.Subject s = in.content().subject();
        Bilingual regionName = Regions.builtIn().find(s.region()).map(r -> Bilingual.of(r.nameBg(), r.nameEn()))
                .orElse(null);
        String ageBand = Bands.ageBand(s.ageYears());
        return switch (kind) {
            case ANONYMISED -> new DocumentV2.Person(s.region(), regionName, ageBand, null, null, s.gender(), null, null,
                    null);
            case MINIMUM_DATA -> new DocumentV2.Person(s.region(), regionName, ageBand, s.ageYears(), s.ageUncertain(),
                    s.gender(), null, null, identity(s));
            case IDENTIFIED -> new DocumentV2.Person(s.region(), regionName, ageBand, s.ageYears(), s.ageUncertain(),
                    s.gender(), s.citizenship(), s.ref(), identity(s));
        };
    }

    private static DocumentV2.Identity identity(CaseContent.Subject s) {
        CaseContent.Identity i = s.identity();
        return i == null ? null : new DocumentV2.Identity(i.name(), i.dateOfBirth(), i.location(), i.contact());
    }

    private static DocumentV2.Assessment assessment(Input in, Kind kind) {
        Assessment a = in.assessment();
        boolean minimum = kind == Kind.MINIMUM_DATA;
        List<DocumentV2.Finding> findings = new ArrayList<>();
        for (Finding f : a.findings()) {
            if (minimum && !f.code().equals("IMMEDIATE_DANGER")) {
                continue;
            }
            // INSUFFICIENT_INFORMATION names the strong indicators left unknown; every other finding, answers of yes.
            String answer = f.code().equals("INSUFFICIENT_INFORMATION") ? "unknown" : "yes";
            findings.add(new DocumentV2.Finding(f.code(), Labels.label(Labels.FINDINGS, f.code()), f.rule(),
                    f.indicators().stream().map(code -> new DocumentV2.Indicator(code, answer,
                            question(in.questionnaire(), code))).toList()));
        }
        List<DocumentV2.Form> forms = minimum ? null : a.exploitationForms().stream().map(ExploitationForm::name)
                .map(code -> new DocumentV2.Form(code, Labels.label(Labels.FORMS, code))).toList();
        List<Bilingual> recommendations = AssessmentTexts.recommendations(a, in.notices(), minimum);
        List<DocumentV2.Notice> notices = AssessmentTexts.notices(in.notices());
        DocumentV2.Questionnaire q = new DocumentV2.Questionnaire(in.questionnaireId(), in.questionnaireVersion(),
                in.questionnaire().map(x -> Bilingual.of(x.title().bg(), x.title().en())).orElse(null));
        return new DocumentV2.Assessment(a.level().name(), Labels.label(Labels.LEVELS, a.level().name()), findings,
                forms, recommendations, notices, q, a.rulesetVersion());
    }

    // Answers of yes no finding names, in the order the questionnaire asks them.
    private static List<DocumentV2.Indicator> otherYes(Input in) {
        Set<String> inFindings = new HashSet<>();
        in.assessment().findings().forEach(f -> inFindings.addAll(f.indicators()));
        List<String> order = in.questionnaire().map(q -> q.items().stream().map(QuestionnaireItem::code).toList())
                .orElse(List.copyOf(new TreeMap<>(in.content().answers()).keySet()));
        return order.stream().filter(code -> "yes".equals(in.content().answers().get(code)))
                .filter(code -> !inFindings.contains(code))
                .map(code -> new DocumentV2.Indicator(code, "yes", question(in.questionnaire(), code))).toList();
    }

    private static Bilingual question(Optional<Questionnaire> questionnaire, String code) {
        return questionnaire.flatMap(q -> q.item(code)).map(QuestionnaireItem::text)
                .map(t -> Bilingual.of(t.bg(), t.en())).orElse(null);
    }

    /** Free text in pieces of at most 200 characters (concatenated, they give the text back), so no line of the
     * 8-bit JSON part exceeds the 998 octets MIME allows. */
    static List<String> pieces(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + NOTE_PIECE);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a surrogate pair
            }
            out.add(text.substring(i, end));
            i = end;
        }
        return out;
    }
}
