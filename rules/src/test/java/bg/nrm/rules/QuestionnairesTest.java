package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** INDICATORS.md rule 7 and the catalogue: what each questionnaire asks. */
@DisplayName("Questionnaires")
class QuestionnairesTest {
    /** The catalogue of INDICATORS.md, copied by hand: code, dimension, strength (S/M/W/-), applies (A, C, AC). */
    private static final String CATALOGUE = """
            DR_JOB_NATURE DR S AC|DR_CONDITIONS DR M AC|DR_WAGES DR M A|DR_DOCUMENTS DR M A|DR_TRAVEL DR M AC
            DR_MARRIAGE DR M AC|DR_EDUCATION DR W AC
            CR_VIOLENCE CR S AC|CR_ABDUCTION CR M AC|CR_DOCS_TAKEN CR M AC|CR_DEBT CR M AC|CR_ISOLATION CR M AC
            CR_THREATS CR M AC|CR_FAMILY_THREAT CR M AC
            VR_ECONOMIC VR M AC|VR_FAMILY VR M AC|VR_DEPENDENCY VR M AC|VR_STATUS VR M A|VR_INFORMATION VR M AC
            VR_CARE_LEAVER VR M AC|VR_DISABILITY VR M AC|VR_CONTEXT VR W AC
            EX_EXCESSIVE_HOURS EX S AC|EX_SEXUAL EX S AC|EX_BEGGING EX S AC|EX_CRIMINAL EX M AC|EX_NO_PAY EX M AC
            EX_HAZARDOUS EX M AC|EX_LIVING EX M AC|EX_FORCED_MARRIAGE EX M AC|EX_BABY_SALE EX M A
            EX_NO_PROTECTION EX W A
            CD_DOCS_TAKEN CD S AC|CD_DEBT_BONDAGE CD S AC|CD_CONFINED CD S AC|CD_VIOLENCE CD S AC|CD_THREATS CD M AC
            CD_FAMILY_THREAT CD M AC|CD_FORCED_TASKS CD M AC|CD_LIE_AUTHORITIES CD M AC|CD_PHONE_TAKEN CD W AC
            VD_DEPENDENCY VD M AC|VD_UNKNOWN_PLACE VD M AC|VD_STATUS VD M A|VD_SHAME VD W AC
            CH_MISSING_EPISODES CH S C|CH_OLDER_PARTNER CH S C|CH_GIFTS_MONEY CH M C|CH_SEXUALISED_ONLINE CH M C
            CH_STI_PREGNANCY CH M C|CH_SUBSTANCES CH M C|CH_SCHOOL_DROPOUT CH W C|CH_PEER_RECRUITMENT CH W C
            CH_MOVED ACT - C
            VI_DOMESTIC VI M AC|VI_SEXUAL_ABUSE VI S AC|VI_INJURIES VI M AC|VI_NEGLECT VI W C
            ID_IN_EXPLOITATION_NOW ID - AC|ID_DEPARTURE_IMMINENT ID - AC|ID_THREAT_TO_LIFE ID - AC|ID_SELF_HARM ID - AC
            """;

    private record Entry(String code, String dimension, Strength strength, String applies) {
    }

    private static final Map<String, Entry> ENTRIES = parse();

    private static Map<String, Entry> parse() {
        Map<String, Entry> entries = new HashMap<>();
        Arrays.stream(CATALOGUE.split("[|\\n]")).map(String::strip).filter(s -> !s.isEmpty()).forEach(line -> {
            String[] f = line.split(" ");
            Strength s = switch (f[2]) {
                case "S" -> Strength.STRONG;
                case "M" -> Strength.MEDIUM;
                case "W" -> Strength.WEAK;
                default -> null;
            };
            entries.put(f[0], new Entry(f[0], f[1], s, f[3]));
        });
        return entries;
    }

    private static Questionnaire child() {
        return Questionnaires.builtIn().find("child-risk", 1).orElseThrow();
    }

    private static Questionnaire adult() {
        return Questionnaires.builtIn().find("adult-risk", 1).orElseThrow();
    }

    private static Set<String> codes(Questionnaire q) {
        return q.items().stream().map(QuestionnaireItem::code).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("the catalogue copy in this test has all 62 indicators (46 for both, 6 adult-only, 10 child-only)")
    void catalogueCopy() {
        assertThat(ENTRIES).hasSize(62);
    }

    @Test
    @DisplayName("child-risk v1 is for ages 0 to 17 and asks exactly the codes marked C or AC")
    void childAsksChildCodes() {
        Questionnaire q = child();

        assertThat(q.subject()).isEqualTo("child");
        assertThat(q.minAge()).isZero();
        assertThat(q.maxAge()).isEqualTo(17);
        assertThat(codes(q)).isEqualTo(ENTRIES.values().stream().filter(e -> e.applies().contains("C"))
                .map(Entry::code).collect(Collectors.toSet()));
        assertThat(codes(q)).doesNotContain("DR_WAGES", "DR_DOCUMENTS", "VR_STATUS", "EX_BABY_SALE",
                "EX_NO_PROTECTION", "VD_STATUS");
    }

    @Test
    @DisplayName("adult-risk v1 is for 18 and over and asks exactly the codes marked A or AC")
    void adultAsksAdultCodes() {
        Questionnaire q = adult();

        assertThat(q.subject()).isEqualTo("adult");
        assertThat(q.minAge()).isEqualTo(18);
        assertThat(q.maxAge()).isGreaterThanOrEqualTo(100);
        assertThat(codes(q)).isEqualTo(ENTRIES.values().stream().filter(e -> e.applies().contains("A"))
                .map(Entry::code).collect(Collectors.toSet()));
        assertThat(codes(q)).noneMatch(c -> c.startsWith("CH_")).doesNotContain("VI_NEGLECT");
    }

    @Test
    @DisplayName("every item's dimension and strength match the catalogue, and the items follow catalogue order")
    void itemsMatchCatalogue() {
        List<String> order = Arrays.stream(CATALOGUE.split("[|\\n]")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.split(" ")[0]).toList();
        for (Questionnaire q : versionOne()) {
            for (QuestionnaireItem item : q.items()) {
                Entry e = ENTRIES.get(item.code());
                assertThat(e).as(item.code()).isNotNull();
                assertThat(item.dimension()).as(item.code()).isEqualTo(e.dimension());
                assertThat(item.strength()).as(item.code()).isEqualTo(e.strength());
                assertThat(item.type()).isEqualTo("yes-no-unknown");
                assertThat(item.required()).as("no item is required in version 1").isFalse();
            }
            List<String> codes = q.items().stream().map(QuestionnaireItem::code).toList();
            assertThat(codes).isSortedAccordingTo(java.util.Comparator.comparingInt(order::indexOf));
        }
    }

    private static List<Questionnaire> versionOne() {
        return Questionnaires.builtIn().all().stream().filter(q -> q.version() == 1).toList();
    }

    @Test
    @DisplayName("every title and question has Bulgarian (in Cyrillic) and English text, phrased as a question")
    void texts() {
        for (Questionnaire q : Questionnaires.builtIn().all()) {
            assertThat(q.title().bg()).isNotBlank().containsPattern("\\p{IsCyrillic}");
            assertThat(q.title().en()).isNotBlank();
            for (QuestionnaireItem item : q.items()) {
                assertThat(item.text().bg()).as(item.code()).isNotBlank().containsPattern("\\p{IsCyrillic}").endsWith("?");
                assertThat(item.text().en()).as(item.code()).isNotBlank().endsWith("?")
                        .doesNotContainPattern("\\p{IsCyrillic}");
            }
        }
    }

    @Test
    @DisplayName("the child questionnaire speaks of the child, the adult questionnaire of the person")
    void wordingFitsTheSubject() {
        assertThat(child().items()).noneMatch(i -> i.text().bg().contains("лицето") || i.text().en().contains("person"));
        assertThat(adult().items()).noneMatch(i -> i.text().bg().contains("детето") || i.text().en().contains("the child"));
    }

    @Test
    @DisplayName("versions are looked up by id and version; latest is the highest version")
    void lookup() {
        assertThat(Questionnaires.builtIn().all()).extracting(q -> q.id() + ".v" + q.version())
                .containsExactly("adult-risk.v1", "adult-risk.v2", "child-risk.v1", "child-risk.v2");
        assertThat(Questionnaires.builtIn().latest("child-risk")).contains(Questionnaires.builtIn().find("child-risk", 2).orElseThrow());
        assertThat(Questionnaires.builtIn().find("child-risk", 3)).isEmpty();
        assertThat(Questionnaires.builtIn().latest("nope")).isEmpty();
        assertThat(child().item("CH_MOVED")).hasValueSatisfying(i -> assertThat(i.dimension()).isEqualTo("ACT"));
        assertThat(child().item("DR_WAGES")).isEmpty();
    }

    @Test
    @DisplayName("every questionnaire file shipped is listed in the index")
    void everyFileIndexed() throws URISyntaxException {
        URL folder = Questionnaires.class.getResource("questionnaires/");
        assertThat(folder).isNotNull();
        String[] files = new File(folder.toURI()).list((dir, name) -> name.endsWith(".json"));

        assertThat(files).isNotNull();
        assertThat(Arrays.stream(files).map(f -> f.replace(".json", "")).toList())
                .containsExactlyInAnyOrderElementsOf(Questionnaires.builtIn().all().stream()
                        .map(q -> q.id() + ".v" + q.version()).toList());
    }
}
