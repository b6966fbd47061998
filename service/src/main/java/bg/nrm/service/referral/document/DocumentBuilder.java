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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        return build(in, new Parts());
    }

    /**
     * Builds the document for one recipient, taking the parts it shares with the other documents of the same screening
     * from {@code parts} (built by the first document that needs them). Equal to {@link #build(Input)}.
     */
    static DocumentV2 build(Input in, Parts parts) {
        parts.check(in);
        Kind kind = in.kind();
        boolean identified = kind == Kind.IDENTIFIED;
        return new DocumentV2(DocumentV2.SCHEMA_VERSION, in.referralId(), identified ? in.screeningId() : null,
                kind.code(), kind.carries(), NOTICE, parts.time(in.createdAt()), parts.time(in.dueBy()),
                parts.asked(in.to().type().name()),
                parts.from(in), party(in.to()), parts.person(in, kind), assessment(in, kind, parts),
                identified ? parts.answers(in) : null,
                identified ? parts.otherYes(in) : null,
                identified ? parts.notes(in) : null);
    }

    /**
     * The parts of a screening's documents that do not depend on the recipient, each built once: the referrer, the
     * person as each kind of document shows it, the findings with their questions, the answers, the notes, the
     * times, and the texts of each set of notices the routing chose. Used by the documents of one screening only
     * (checked: the same referrer, assessment, questionnaire and content, as instances).
     */
    static final class Parts {
        private Input first;
        private DocumentV2.From from;
        private final DocumentV2.Person[] persons = new DocumentV2.Person[Kind.values().length];
        private List<DocumentV2.Finding> findings;
        private List<DocumentV2.Finding> immediateFindings;
        private List<DocumentV2.Form> forms;
        private DocumentV2.Questionnaire questionnaire;
        private Map<String, String> answers;
        private List<DocumentV2.Indicator> otherYes;
        private List<String> notes;
        private boolean notesDone;
        private final Map<Instant, DocumentV2.Time> times = new HashMap<>();
        private final Map<String, Bilingual> asked = new HashMap<>();
        private final Map<List<Advice>, List<DocumentV2.Notice>> notices = new HashMap<>();
        private final Map<List<Advice>, List<Bilingual>> recommendations = new HashMap<>();
        private final Map<List<Advice>, List<Bilingual>> minimumRecommendations = new HashMap<>();

        void check(Input in) {
            if (first == null) {
                first = in;
                return;
            }
            if (in.from() != first.from() || in.screener() != first.screener() || in.assessment() != first.assessment()
                    || in.content() != first.content() || in.questionnaire().orElse(null) != first.questionnaire().orElse(null)
                    || !in.questionnaireId().equals(first.questionnaireId())
                    || in.questionnaireVersion() != first.questionnaireVersion()
                    || !Objects.equals(in.screeningId(), first.screeningId())) {
                throw new IllegalArgumentException("the documents of one set must come from one screening");
            }
        }

        Bilingual asked(String recipientType) {
            return asked.computeIfAbsent(recipientType, Labels::asked);
        }

        DocumentV2.Time time(Instant instant) {
            return times.computeIfAbsent(instant, DocumentBuilder::time);
        }

        DocumentV2.From from(Input in) {
            if (from == null) {
                from = new DocumentV2.From(party(in.from()), in.screener() == null ? null
                        : new DocumentV2.Screener(in.screener().name(), in.screener().phone()));
            }
            return from;
        }

        DocumentV2.Person person(Input in, Kind kind) {
            DocumentV2.Person p = persons[kind.ordinal()];
            if (p == null) {
                p = persons[kind.ordinal()] = DocumentBuilder.person(in, kind);
            }
            return p;
        }

        List<DocumentV2.Finding> findings(Input in, boolean minimum) {
            if (minimum) {
                if (immediateFindings == null) {
                    immediateFindings = DocumentBuilder.findings(in, true);
                }
                return immediateFindings;
            }
            if (findings == null) {
                findings = DocumentBuilder.findings(in, false);
            }
            return findings;
        }

        List<DocumentV2.Form> forms(Input in) {
            if (forms == null) {
                forms = in.assessment().exploitationForms().stream().map(ExploitationForm::name)
                        .map(code -> new DocumentV2.Form(code, Labels.label(Labels.FORMS, code))).toList();
            }
            return forms;
        }

        DocumentV2.Questionnaire questionnaire(Input in) {
            if (questionnaire == null) {
                questionnaire = new DocumentV2.Questionnaire(in.questionnaireId(), in.questionnaireVersion(),
                        in.questionnaire().map(x -> Bilingual.of(x.title().bg(), x.title().en())).orElse(null));
            }
            return questionnaire;
        }

        List<Bilingual> recommendations(Input in, boolean minimum) {
            return (minimum ? minimumRecommendations : recommendations).computeIfAbsent(in.notices(),
                    n -> AssessmentTexts.recommendations(in.assessment(), n, minimum));
        }

        List<DocumentV2.Notice> notices(Input in) {
            return notices.computeIfAbsent(in.notices(), AssessmentTexts::notices);
        }

        Map<String, String> answers(Input in) {
            if (answers == null) {
                answers = new TreeMap<>(in.content().answers());
            }
            return answers;
        }

        List<DocumentV2.Indicator> otherYes(Input in) {
            if (otherYes == null) {
                otherYes = DocumentBuilder.otherYes(in);
            }
            return otherYes;
        }

        List<String> notes(Input in) {
            if (!notesDone) {
                notes = pieces(in.content().notes());
                notesDone = true;
            }
            return notes;
        }
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

    private static DocumentV2.Assessment assessment(Input in, Kind kind, Parts parts) {
        Assessment a = in.assessment();
        boolean minimum = kind == Kind.MINIMUM_DATA;
        return new DocumentV2.Assessment(a.level().name(), Labels.label(Labels.LEVELS, a.level().name()),
                parts.findings(in, minimum), minimum ? null : parts.forms(in), parts.recommendations(in, minimum),
                parts.notices(in), parts.questionnaire(in), a.rulesetVersion());
    }

    private static List<DocumentV2.Finding> findings(Input in, boolean minimum) {
        List<DocumentV2.Finding> findings = new ArrayList<>();
        for (Finding f : in.assessment().findings()) {
            if (minimum && !f.code().equals("IMMEDIATE_DANGER")) {
                continue;
            }
            // INSUFFICIENT_INFORMATION names the strong indicators left unknown; every other finding, answers of yes.
            String answer = f.code().equals("INSUFFICIENT_INFORMATION") ? "unknown" : "yes";
            findings.add(new DocumentV2.Finding(f.code(), Labels.label(Labels.FINDINGS, f.code()), f.rule(),
                    f.indicators().stream().map(code -> new DocumentV2.Indicator(code, answer,
                            question(in.questionnaire(), code))).toList()));
        }
        return findings;
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
