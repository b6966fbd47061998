package bg.nrm.service.screening;

import bg.nrm.rules.LocalizedText;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;

/**
 * {@code GET /api/v1/questionnaires} (every version of every questionnaire) and {@code GET /api/v1/questionnaires/{id}}
 * (the newest version, or {@code ?version=N}), for any signed-in user.
 */
public final class QuestionnaireService implements HttpService {
    private final Questionnaires questionnaires;

    public QuestionnaireService(Questionnaires questionnaires) {
        this.questionnaires = questionnaires;
    }

    /**
     * One line of the list. {@code current} marks the version new screenings should answer (the newest of its id);
     * older versions stay listed so that a stored screening can be read with the version it answered, and
     * {@code rulesetVersion} says which rules assess it.
     */
    public record Summary(String id, int version, LocalizedText title, String subject, int minAge, int maxAge,
                          int items, boolean current, String rulesetVersion) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleList)
                .get("/{id}", this::handleOne);
    }

    private void handleList(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.values());
        Bodies.json(res, questionnaires.all().stream()
                .map(q -> new Summary(q.id(), q.version(), q.title(), q.subject(), q.minAge(), q.maxAge(),
                        q.items().size(), questionnaires.latest(q.id()).orElseThrow().version() == q.version(),
                        RiskAssessor.rulesetFor(q.version())))
                .toList());
    }

    private void handleOne(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.values());
        String id = req.path().pathParameters().get("id");
        Optional<String> version = req.query().first("version").asOptional();
        Optional<Questionnaire> found;
        if (version.isPresent()) {
            int v;
            try {
                v = Integer.parseInt(version.get());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("version", "must be a whole number");
            }
            found = questionnaires.find(id, v);
        } else {
            found = questionnaires.latest(id);
        }
        Bodies.json(res, found.orElseThrow(() -> ProblemException.notFound("questionnaire")));
    }
}
