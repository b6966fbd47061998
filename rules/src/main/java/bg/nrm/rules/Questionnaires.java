package bg.nrm.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The questionnaires shipped with this module, one JSON file per id and version under
 * {@code bg/nrm/rules/questionnaires/}, listed in that folder's {@code index.txt}. A new version is a new file and a
 * new line in the index; existing files never change, so a screening is always read with the version it answered.
 */
public final class Questionnaires {
    private static final String FOLDER = "questionnaires/";
    private static final Set<String> DIMENSIONS = Set.of("DR", "CR", "VR", "EX", "CD", "VD", "CH", "ACT", "VI", "ID");
    private static final Questionnaires BUILT_IN = load();

    private final List<Questionnaire> all;
    // Looked up on every assessment (validation, then the assessment itself): by id, then by version, so that a
    // lookup builds no key string and walks no list.
    private final Map<String, Map<Integer, Version>> byIdAndVersion = new HashMap<>();
    private final Map<String, Questionnaire> latest = new HashMap<>();

    /** A questionnaire version with the codes it asks. */
    private record Version(Questionnaire questionnaire, Set<String> codes) {
    }

    private Questionnaires(List<Questionnaire> all) {
        this.all = List.copyOf(all);
        for (Questionnaire q : all) {
            Set<String> asked = new HashSet<>();
            q.items().forEach(item -> asked.add(item.code()));
            byIdAndVersion.computeIfAbsent(q.id(), id -> new HashMap<>()).put(q.version(),
                    new Version(q, Set.copyOf(asked)));
            latest.merge(q.id(), q, (a, b) -> a.version() >= b.version() ? a : b);
        }
    }

    private Version version(String id, int version) {
        Map<Integer, Version> versions = id == null ? null : byIdAndVersion.get(id);
        return versions == null ? null : versions.get(version);
    }

    // For validation: the codes a questionnaire version asks, without a scan of its items.
    Set<String> codes(Questionnaire q) {
        return version(q.id(), q.version()).codes();
    }

    /** The questionnaires shipped with the module, loaded once. */
    public static Questionnaires builtIn() {
        return BUILT_IN;
    }

    /** Every questionnaire version, ordered by id and then version. */
    public List<Questionnaire> all() {
        return all;
    }

    /** The questionnaire with this id and version. */
    public Optional<Questionnaire> find(String id, int version) {
        Version found = version(id, version);
        return Optional.ofNullable(found == null ? null : found.questionnaire());
    }

    /** The newest version of the questionnaire with this id. */
    public Optional<Questionnaire> latest(String id) {
        return Optional.ofNullable(id == null ? null : latest.get(id));
    }

    private static Questionnaires load() {
        ObjectMapper json = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        List<Questionnaire> loaded = new ArrayList<>();
        for (String file : indexedFiles()) {
            try (InputStream in = open(file)) {
                Questionnaire q = json.readValue(in, Questionnaire.class);
                check(q, file);
                loaded.add(q);
            } catch (IOException e) {
                throw new RulesException("questionnaire file " + file + " cannot be read", e);
            }
        }
        loaded.sort(Comparator.comparing(Questionnaire::id).thenComparingInt(Questionnaire::version));
        for (int i = 1; i < loaded.size(); i++) {
            Questionnaire a = loaded.get(i - 1);
            Questionnaire b = loaded.get(i);
            if (a.id().equals(b.id()) && a.version() == b.version()) {
                throw new RulesException("questionnaire " + a.id() + " version " + a.version() + " is listed twice");
            }
        }
        return new Questionnaires(loaded);
    }

    private static List<String> indexedFiles() {
        List<String> files = new ArrayList<>();
        try (InputStream in = open("index.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    files.add(name);
                }
            }
        } catch (IOException e) {
            throw new RulesException("the questionnaire index cannot be read", e);
        }
        return files;
    }

    private static InputStream open(String file) {
        InputStream in = Questionnaires.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new RulesException("questionnaire resource " + file + " is missing from the rules module");
        }
        return in;
    }

    // A broken data file must stop the module at start-up, not mislead a screening later.
    private static void check(Questionnaire q, String file) {
        if (!file.equals(q.id() + ".v" + q.version() + ".json")) {
            throw new RulesException("questionnaire file " + file + " does not hold the id and version its name says");
        }
        if (!Questionnaire.CHILD.equals(q.subject()) && !Questionnaire.ADULT.equals(q.subject())) {
            throw new RulesException("questionnaire file " + file + " has an unknown subject");
        }
        if (q.minAge() < 0 || q.maxAge() < q.minAge()) {
            throw new RulesException("questionnaire file " + file + " has an impossible age range");
        }
        Set<String> codes = new HashSet<>();
        for (QuestionnaireItem item : q.items()) {
            boolean needsStrength = !item.dimension().equals("ACT") && !item.dimension().equals("ID");
            if (!codes.add(item.code())
                    || !DIMENSIONS.contains(item.dimension())
                    || needsStrength != (item.strength() != null)
                    || !QuestionnaireItem.YES_NO_UNKNOWN.equals(item.type())
                    || item.text().bg().isBlank() || item.text().en().isBlank()) {
                throw new RulesException("questionnaire file " + file + " has a malformed item " + item.code());
            }
        }
    }
}
