package bg.nrm.service.referral.document;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.ExploitationForm;
import bg.nrm.rules.Finding;
import bg.nrm.rules.LocalizedText;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.Region;
import bg.nrm.rules.Regions;
import bg.nrm.rules.RiskLevel;
import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.http.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The documents of a screening made together ({@link ScreeningDocuments}, the shared parts rendered once) are byte
 * for byte the documents made one by one ({@link DocumentBuilder#build}, {@link PlainText#render},
 * {@link Json#writePretty}, {@link MimeDocument#compose}), over generated screenings: every questionnaire version,
 * each kind of document, both rulesets' texts, and hostile text (CRLF, lone CR, NUL, tabs, overlong words and values,
 * Cyrillic, characters outside the BMP at the wrap column).
 */
class ScreeningDocumentsTest {
    private static final String BOUNDARY = "nrm-000102030405060708090a0b";
    private static final List<Questionnaire> QUESTIONNAIRES = Questionnaires.builtIn().all();
    private static final List<Region> REGIONS = List.copyOf(Regions.builtIn().all());
    private static final String[] FINDINGS = {"DR_POSITIVE", "CR_POSITIVE", "EX_POSITIVE", "CH_POSITIVE",
        "TRAFFICKING_INDICATED", "CHILD_IN_NEED_OF_PROTECTION", "IMMEDIATE_DANGER", "INSUFFICIENT_INFORMATION",
        "A_FINDING_OF_A_NEWER_RULESET"};

    private final Random random = new Random(20261203L);

    @Test
    void documentsMadeTogetherAreTheDocumentsMadeAlone() {
        int documents = 0;
        int base64Parts = 0;
        for (int screening = 0; screening < 400; screening++) {
            Questionnaire q = QUESTIONNAIRES.get(screening % QUESTIONNAIRES.size());
            List<DocumentBuilder.Input> inputs = screening(q, screening);
            ScreeningDocuments together = new ScreeningDocuments();
            for (DocumentBuilder.Input in : inputs) {
                DocumentV2 alone = DocumentBuilder.build(in);
                DocumentV2 made = together.document(in);
                assertThat(made).isEqualTo(alone);
                String expected = new String(MimeDocument.compose(alone, PlainText.render(alone).getBytes(StandardCharsets.UTF_8),
                        Json.writePretty(alone), BOUNDARY), StandardCharsets.UTF_8);
                String actual = new String(together.plaintext(made, BOUNDARY), StandardCharsets.UTF_8);
                // Compared as text first, for a readable difference; then as bytes.
                assertThat(actual).as("screening %d, %s document", screening, in.kind()).isEqualTo(expected);
                assertThat(together.plaintext(made, BOUNDARY)).isEqualTo(MimeDocument.compose(alone,
                        PlainText.render(alone).getBytes(StandardCharsets.UTF_8), Json.writePretty(alone), BOUNDARY));
                // What a reader sees (a part may be base64 in the entity).
                String readable = PlainText.render(made) + new String(Json.writePretty(made), StandardCharsets.UTF_8);
                if (in.kind() == DocumentBuilder.Kind.ANONYMISED) {
                    assertThat(readable).doesNotContain("Subject-" + screening).doesNotContain("case-ref-" + screening)
                            .doesNotContain("note-" + screening);
                } else if (in.kind() == DocumentBuilder.Kind.IDENTIFIED && in.content().subject().identity() != null) {
                    assertThat(readable).contains("Subject-" + screening);
                }
                documents++;
                base64Parts += actual.split("Content-Transfer-Encoding: base64", -1).length - 1;
            }
        }
        // The generator reached what it is for: many documents, some parts too hostile for 8bit.
        assertThat(documents).isGreaterThan(1500);
        assertThat(base64Parts).isGreaterThan(20);
    }

    @Test
    void aDocumentOfAnotherScreeningIsRefused() {
        Questionnaire q = QUESTIONNAIRES.get(0);
        ScreeningDocuments together = new ScreeningDocuments();
        together.document(screening(q, 1).get(0));
        DocumentBuilder.Input other = screening(q, 1).get(0);
        assertThatThrownBy(() -> together.document(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJsonValueIsIndentedByItsDepth() {
        byte[] json = "{\n  \"a\" : [\n    1\n  ]\n}".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(DocumentJson.indent(json, 2), StandardCharsets.US_ASCII))
                .isEqualTo("{\n      \"a\" : [\n        1\n      ]\n    }");
    }

    /** The inputs of one screening's referrals: 1 to 8 recipients, the shared parts the same instances. */
    private List<DocumentBuilder.Input> screening(Questionnaire q, int n) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (QuestionnaireItem item : q.items()) {
            if (random.nextInt(4) > 0) {
                answers.put(item.code(), pick("yes", "yes", "no", "unknown"));
            }
        }
        if (random.nextInt(5) == 0) {
            answers.put("ZZ_NOT_ASKED", "yes");
        }
        boolean identity = random.nextInt(4) > 0;
        CaseContent.Subject subject = new CaseContent.Subject(random.nextBoolean() ? "case-ref-" + n : null,
                random.nextInt(6) == 0 ? null : random.nextInt(70), pick("female", "male", "other", null),
                pick("BG", "UA", "SY", null),
                random.nextInt(8) == 0 ? "XX" : REGIONS.get(random.nextInt(REGIONS.size())).code(),
                random.nextBoolean() ? null : random.nextBoolean(),
                identity ? new CaseContent.Identity("Subject-" + n + " " + hostile(), pick("2012-04-01", null),
                        hostile(), pick("+359 88 123 4567", null, hostile())) : null);
        CaseContent content = new CaseContent(subject, answers, random.nextBoolean(),
                random.nextInt(5) == 0 ? null : random.nextInt(8) == 0 ? "" : "note-" + n + " " + hostile());
        List<String> codes = new ArrayList<>(q.items().stream().map(QuestionnaireItem::code).toList());
        codes.add("ZZ_UNKNOWN_INDICATOR");
        List<Finding> findings = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            List<String> indicators = new ArrayList<>();
            for (int k = random.nextInt(6); k > 0; k--) {
                indicators.add(codes.get(random.nextInt(codes.size())));
            }
            findings.add(new Finding(pick(FINDINGS), "rule " + hostile(), indicators));
        }
        List<ExploitationForm> forms = new ArrayList<>();
        for (ExploitationForm f : ExploitationForm.values()) {
            if (random.nextInt(3) == 0) {
                forms.add(f);
            }
        }
        String ruleset = q.version() == 1 ? "1.0.0" : pick("2.0.0", "2.1.0");
        List<String> recommendations = ruleset.startsWith("1.")
                ? List.of("Refer to the police. " + hostile(), "Call the helpline.") : List.of();
        Assessment assessment = new Assessment(RiskLevel.values()[random.nextInt(RiskLevel.values().length)], findings,
                forms, List.of(), recommendations, random.nextBoolean(), ruleset);
        Organisation from = organisation("from-" + n);
        DocumentBuilder.Screener screener = random.nextInt(5) == 0 ? null
                : new DocumentBuilder.Screener("Screener " + hostile(), pick("+359 2 123", null));
        Optional<Questionnaire> questionnaire = random.nextInt(10) == 0 ? Optional.empty() : Optional.of(q);
        Instant now = Instant.parse("2026-12-03T10:15:30.123Z").plusSeconds(random.nextInt(10_000_000));
        List<Duration> deadlines = List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(24),
                Duration.ofDays(3), Duration.ZERO);
        List<DocumentBuilder.Input> inputs = new ArrayList<>();
        Map<Integer, List<Advice>> noticeSets = new HashMap<>();
        for (int r = 1 + random.nextInt(8); r > 0; r--) {
            DocumentBuilder.Kind kind = DocumentBuilder.Kind.values()[random.nextInt(3)];
            // Recipients of one role get equal notices, each its own list (as the routing makes them).
            List<Advice> notices = ruleset.startsWith("1.") ? List.of()
                    : List.copyOf(noticeSets.computeIfAbsent(random.nextInt(4), k -> notices()));
            inputs.add(new DocumentBuilder.Input("ref-" + n + "-" + r, "scr-" + n, kind, now,
                    now.plus(deadlines.get(random.nextInt(deadlines.size()))), from, screener, organisation("to-" + r),
                    assessment, notices, questionnaire, q.id(), q.version(), content));
        }
        return inputs;
    }

    private List<Advice> notices() {
        List<Advice> out = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            out.add(new Advice(pick("TO_CHILD_PROTECTION", "TO_POLICE", "TO_SHELTER"),
                    new LocalizedText("Към вас " + hostile(), "To you " + hostile())));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            out.add(new Advice(pick("DO_NOT_INFORM_FAMILY", "NON_PUNISHMENT", "ADULT_RIGHTS"),
                    new LocalizedText("Не информирайте семейството. " + hostile(), "Do not inform the family.")));
        }
        return out;
    }

    private Organisation organisation(String id) {
        OrganisationType type = OrganisationType.values()[random.nextInt(OrganisationType.values().length)];
        return new Organisation(id, "Организация " + id + (random.nextInt(10) == 0 ? " " + "Я".repeat(600) : ""),
                type, "PDV", List.of("PDV"), true, true, null, null, null,
                random.nextInt(4) == 0 ? null : new Organisation.Contacts(pick("ул. „Шипка“ 6, Пловдив", null, hostile()),
                        pick("+359 32 000 000", null), pick("+359 88 000 000", null), pick("duty@example.bg", null)));
    }

    /** Text a user could type: line ends of every kind, NUL, tabs, long words and values, Cyrillic, emoji. */
    private String hostile() {
        return switch (random.nextInt(13)) {
            case 0 -> "първи ред\r\nвтори ред\nтрети\rред";
            case 1 -> "нула\u0000байт";
            case 2 -> "дълга дума " + "Щ".repeat(200);
            case 3 -> "x".repeat(1200);
            case 4 -> "табулация\tи\tкавички \"„“\" и \\ наклонена";
            // A character outside the BMP at the 76th column: wrapping may cut it in two.
            case 5 -> "a".repeat(60 + random.nextInt(20)) + "\uD83D\uDE00 усмивка " + "b".repeat(70) + "\uD83D\uDE00";
            case 6 -> "Мария Иванова Петрова, с. Брестовица, общ. Родопи, обл. Пловдив; " + "дума ".repeat(40);
            case 7 -> "";
            case 8 -> "\n\n\r\n";
            case 9 -> " водещ и краен интервал ";
            case 10 -> "<script>alert(1)</script> &amp; =?UTF-8?B?AA==?=";
            case 11 -> "ред, завършващ с CR\r";
            default -> "обикновен текст";
        };
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
