package bg.nrm.service.referral.document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The document as plain text for people: Bulgarian first, then English, lines of at most 76 characters, readable in a
 * terminal (after {@code gpg --decrypt}) and in any e-mail client. The same lines make the PDF.
 */
public final class PlainText {
    static final int WIDTH = 76;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm 'UTC'");

    private PlainText() {
    }

    /** The two languages a section is written in. */
    enum Lang {
        BG, EN;

        String pick(Bilingual b) {
            if (b == null) {
                return null;
            }
            return this == BG ? b.bg() : b.en();
        }

        String say(String bg, String en) {
            return this == BG ? bg : en;
        }
    }

    /**
     * Where the lines of the text go. A run of lines that depends on one part of the document alone (the referrer,
     * the person, the findings…) is written through {@link #block}, so that a writer that renders several documents
     * of one screening can write the run once and reuse it ({@link DocumentText}).
     */
    abstract static class Lines {
        abstract void add(String line);

        /**
         * The lines {@code render} writes as the {@code block} of the text, which depend only on {@code part} (the
         * instance) and the language.
         */
        void block(Block block, Object part, Lang l, Consumer<Lines> render) {
            render.accept(this);
        }
    }

    /** The runs of lines that may be shared: each depends on one part of the document alone. */
    enum Block {
        LEVEL, ACT_BY, ASKED, CARRIES, NOTICES, FROM, SENT, PERSON, FINDINGS, FORMS, RECOMMENDATIONS, OTHER_YES, NOTES
    }

    private static final class ListLines extends Lines {
        final List<String> list = new ArrayList<>();

        @Override
        void add(String line) {
            list.add(line);
        }
    }

    /** The whole text: a heading, the Bulgarian part, the English part. */
    public static String render(DocumentV2 d) {
        List<String> lines = lines(d);
        return String.join("\n", lines) + "\n";
    }

    /** The text as lines (for the PDF). */
    public static List<String> lines(DocumentV2 d) {
        ListLines out = new ListLines();
        write(out, d);
        return out.list;
    }

    /** Every line of the text, in order. */
    static void write(Lines out, DocumentV2 d) {
        out.add("СИГНАЛ ЗА НАСОЧВАНЕ / REFERRAL — НМН / NRM");
        out.add(RULE);
        section(out, d, Lang.BG);
        out.add("");
        out.add(RULE);
        section(out, d, Lang.EN);
    }

    private static final String RULE = "=".repeat(WIDTH);

    private static void section(Lines out, DocumentV2 d, Lang l) {
        out.add(l.say("БЪЛГАРСКИ", "ENGLISH"));
        out.add("");
        DocumentV2.Assessment a = d.assessment();
        out.block(Block.LEVEL, a.levelName(), l, o -> wrap(o, l.say("Ниво на риск: ", "Risk level: ")
                + l.pick(a.levelName()).toUpperCase(java.util.Locale.ROOT), ""));
        out.block(Block.ACT_BY, d.dueBy(), l, o -> wrap(o, l.say("Срок за действие: ", "Act by: ") + when(d.dueBy(), l), ""));
        out.block(Block.ASKED, d.asked(), l, o -> wrap(o, l.say("Какво се иска от вас: ", "What is asked of you: ")
                + l.pick(d.asked()), "  "));
        out.block(Block.CARRIES, d.carries(), l, o -> wrap(o, l.pick(d.carries()), "  "));
        if (a.notices() != null && !a.notices().isEmpty()) {
            out.block(Block.NOTICES, a.notices(), l, o -> notices(o, a.notices(), l));
        }

        out.block(Block.FROM, d.from(), l, o -> from(o, d.from(), l));
        out.block(Block.SENT, d.createdAt(), l, o -> wrap(o, "  " + l.say("Изпратено: ", "Sent: ") + when(d.createdAt(), l),
                "    "));
        wrap(out, "  " + l.say("До: ", "To: ") + d.to().name(), "    ");

        out.block(Block.PERSON, d.person(), l, o -> person(o, d.person(), l));
        out.block(Block.FINDINGS, a.findings(), l, o -> findings(o, a.findings(), l));
        if (a.exploitationForms() != null && !a.exploitationForms().isEmpty()) {
            out.block(Block.FORMS, a.exploitationForms(), l, o -> forms(o, a.exploitationForms(), l));
        }
        if (a.recommendations() != null && !a.recommendations().isEmpty()) {
            // The ruleset's version is the same for every document of a screening: the list alone decides the run.
            out.block(Block.RECOMMENDATIONS, a.recommendations(), l,
                    o -> recommendations(o, a.recommendations(), a.rulesetVersion(), l));
        }
        if (d.otherObservations() != null && !d.otherObservations().isEmpty()) {
            out.block(Block.OTHER_YES, d.otherObservations(), l, o -> otherObservations(o, d.otherObservations(), l));
        }
        if (d.notes() != null) {
            out.block(Block.NOTES, d.notes(), l, o -> notes(o, d.notes(), l));
        }
        out.add("");
        DocumentV2.Questionnaire q = a.questionnaire();
        wrap(out, l.say("Въпросник: ", "Questionnaire: ") + q.id() + l.say(", версия ", ", version ") + q.version()
                + (q.title() == null ? "" : " („" + l.pick(q.title()) + "“)") + l.say("; правила ", "; ruleset ")
                + a.rulesetVersion(), "  ");
        wrap(out, l.say("Номер на сигнала: ", "Referral id: ") + d.referralId()
                + (d.screeningId() == null ? "" : l.say("; номер на скрининга: ", "; screening id: ") + d.screeningId()), "  ");
        wrap(out, l.pick(d.notice()), "");
    }

    private static void notices(Lines out, List<DocumentV2.Notice> notices, Lang l) {
        out.add("");
        out.add(l.say("!!! ВАЖНО", "!!! IMPORTANT"));
        for (DocumentV2.Notice n : notices) {
            wrap(out, "!!! " + text(n.text(), l), "    ");
        }
    }

    private static void from(Lines out, DocumentV2.From from, Lang l) {
        out.add("");
        out.add(l.say("КОЙ НАСОЧВА", "WHO REFERS"));
        party(out, from.organisation(), l);
        if (from.screener() != null) {
            DocumentV2.Screener s = from.screener();
            wrap(out, "  " + l.say("Попълнил въпросника: ", "Screened by: ") + s.name()
                    + (s.phone() == null ? "" : ", " + l.say("тел. ", "phone ") + s.phone()), "    ");
        }
    }

    private static void findings(Lines out, List<DocumentV2.Finding> findings, Lang l) {
        out.add("");
        out.add(l.say("ЗАЩО: НАХОДКИ", "WHY: FINDINGS"));
        int i = 1;
        for (DocumentV2.Finding f : findings) {
            wrap(out, i++ + ". " + l.pick(f.title()) + " [" + f.code() + "]", "   ");
            wrap(out, "   " + l.say("правило: ", "rule: ") + "„" + f.rule() + "“", "     ");
            if (!f.indicators().isEmpty()) {
                out.add("   " + (f.indicators().get(0).answer().equals("yes")
                        ? l.say("Отговорено с „Да“:", "Answered yes:")
                        : l.say("Без информация по:", "No information on:")));
            }
            for (DocumentV2.Indicator ind : f.indicators()) {
                String q = ind.question() == null ? ind.code() : l.pick(ind.question()) + " [" + ind.code() + "]";
                wrap(out, "   - " + q, "     ");
            }
        }
        if (findings.isEmpty()) {
            out.add("   " + l.say("(няма)", "(none)"));
        }
    }

    private static void forms(Lines out, List<DocumentV2.Form> forms, Lang l) {
        wrap(out, l.say("Форми на експлоатация: ", "Forms of exploitation: ")
                + String.join(", ", forms.stream().map(f -> l.pick(f.name())).toList()), "  ");
    }

    private static void recommendations(Lines out, List<Bilingual> recommendations, String rulesetVersion, Lang l) {
        out.add("");
        out.add(l.say("ПРЕПОРЪКИ", "RECOMMENDATIONS"));
        boolean englishOnly = recommendations.stream().anyMatch(r -> r.bg() == null);
        if (englishOnly && l == Lang.BG) {
            wrap(out, "  (правила " + rulesetVersion + ": препоръките към насочващия са само на английски, "
                    + "вижте английската част)", "   ");
        } else {
            for (Bilingual r : recommendations) {
                wrap(out, "  - " + text(r, l), "    ");
            }
        }
    }

    private static void otherObservations(Lines out, List<DocumentV2.Indicator> observations, Lang l) {
        out.add("");
        out.add(l.say("ДРУГИ ОТГОВОРИ „ДА“ (извън находките)", "OTHER ANSWERS OF YES (outside the findings)"));
        for (DocumentV2.Indicator ind : observations) {
            String q = ind.question() == null ? ind.code() : l.pick(ind.question()) + " [" + ind.code() + "]";
            wrap(out, "  - " + q, "    ");
        }
    }

    private static void notes(Lines out, List<String> notes, Lang l) {
        out.add("");
        out.add(l.say("БЕЛЕЖКИ НА НАСОЧВАЩИЯ", "THE REFERRER'S NOTES"));
        for (String para : String.join("", notes).split("\r?\n")) {
            wrap(out, "  " + para, "  ");
        }
    }

    private static void party(Lines out, DocumentV2.Party p, Lang l) {
        wrap(out, "  " + p.name() + " (" + l.pick(p.typeName()) + ")", "    ");
        line(out, l.say("Адрес: ", "Address: "), p.address());
        line(out, l.say("Дежурен телефон: ", "Duty phone: "), p.dutyPhone());
        line(out, l.say("Извън работно време: ", "Out of hours: "), p.outOfHoursPhone());
        line(out, l.say("Е-поща: ", "E-mail: "), p.email());
    }

    private static void person(Lines out, DocumentV2.Person p, Lang l) {
        out.add("");
        out.add(l.say("ЛИЦЕТО", "THE PERSON"));
        DocumentV2.Identity id = p.identity();
        if (id != null) {
            line(out, l.say("Име: ", "Name: "), id.name());
            line(out, l.say("Дата на раждане: ", "Date of birth: "), id.dateOfBirth());
            line(out, l.say("Местонахождение: ", "Location: "), id.location());
            line(out, l.say("Контакт: ", "Contact: "), id.contact());
        }
        line(out, l.say("Номер на случая при насочващия: ", "Referrer's case reference: "), p.ref());
        if (p.ageYears() != null) {
            line(out, l.say("Възраст: ", "Age: "), p.ageYears() + (Boolean.TRUE.equals(p.ageUncertain())
                    ? l.say(" (несигурна)", " (uncertain)") : ""));
        } else {
            line(out, l.say("Възрастова група: ", "Age band: "), p.ageBand());
        }
        line(out, l.say("Пол: ", "Gender: "), p.gender() == null ? null : l.pick(Labels.label(Labels.GENDERS, p.gender())));
        line(out, l.say("Гражданство: ", "Citizenship: "), p.citizenship());
        line(out, l.say("Област: ", "Region: "), p.regionName() == null ? p.region()
                : l.pick(p.regionName()) + " (" + p.region() + ")");
    }

    private static void line(Lines out, String label, String value) {
        if (value != null && !value.isBlank()) {
            wrap(out, "  " + label + value, "    ");
        }
    }

    private static String text(Bilingual b, Lang l) {
        String t = l.pick(b);
        return t != null ? t : b.en();
    }

    /** "04.12.2026 13:30 българско време (04.12.2026 11:30 UTC)": local time first, never sub-second digits. */
    static String when(DocumentV2.Time t, Lang l) {
        Instant i = Instant.parse(t.utc());
        return LOCAL.format(i.atZone(DocumentBuilder.SOFIA)) + l.say(" ч. българско време", " Bulgarian time")
                + " (" + UTC.format(i.atZone(ZoneOffset.UTC)) + ")";
    }

    /** "04.12.2026 13:30": Bulgarian local time to the minute. */
    public static String sofiaTime(DocumentV2.Time t) {
        return LOCAL.format(Instant.parse(t.utc()).atZone(DocumentBuilder.SOFIA));
    }

    /** Word-wraps {@code text} to {@link #WIDTH}, continuing lines with {@code indent}. */
    static void wrap(Lines out, String text, String indent) {
        if (text == null) {
            return;
        }
        String rest = text;
        String prefix = "";
        while ((prefix + rest).length() > WIDTH) {
            String candidate = prefix + rest;
            int cut = candidate.lastIndexOf(' ', WIDTH);
            if (cut <= prefix.length()) {
                cut = WIDTH; // one very long word: break it
            }
            out.add(candidate.substring(0, cut).stripTrailing());
            rest = candidate.substring(cut).stripLeading();
            prefix = indent;
        }
        out.add(prefix + rest);
    }
}
