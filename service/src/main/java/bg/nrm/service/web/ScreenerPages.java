package bg.nrm.service.web;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskLevel;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.referral.ReferralState;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.screening.ScreeningList;
import bg.nrm.service.screening.ScreeningRequest;
import bg.nrm.service.screening.ScreeningViews;
import bg.nrm.service.screening.ScreeningWorkflow;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The screener's pages: the list of the organisation's screenings ({@code /screenings}), the choice of questionnaire
 * and the form ({@code /screenings/new?questionnaire=child-risk}), and the result ({@code /screenings/{id}}). The
 * form is a plain post that works without JavaScript; it goes through the same workflow and checks as the API.
 */
public final class ScreenerPages implements HttpService {
    private final Web web;
    private final Questionnaires questionnaires;
    private final ScreeningWorkflow workflow;
    private final ScreeningStore screenings;
    private final ScreeningList list;
    private final ReferralStore referrals;
    private final OrganisationStore directory;
    private final Clock clock;

    public ScreenerPages(Web web, Questionnaires questionnaires, ScreeningWorkflow workflow, ScreeningStore screenings,
                         ScreeningList list, ReferralStore referrals, OrganisationStore directory, Clock clock) {
        this.web = web;
        this.questionnaires = questionnaires;
        this.workflow = workflow;
        this.screenings = screenings;
        this.list = list;
        this.referrals = referrals;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", web.guard(this::handleList))
                .post("/", web.guard(this::handleSubmit))
                .get("/new", web.guard(this::handleNew))
                .get("/{id}", web.guard(this::handleResult))
                .get("/{id}/referrals", web.guard(this::handleReferralStates));
    }

    private void handleList(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.SCREENER);
        String level = req.query().first("level").asOptional().filter(l -> enumHas(RiskLevel.class, l)).orElse(null);
        String state = req.query().first("state").asOptional().filter(s -> enumHas(ReferralState.class, s)).orElse(null);
        List<ScreeningList.Item> items = list.find(p.organisationId(), level, state == null ? null : ReferralState.valueOf(state));
        web.render(req, res, "screenings/list.jte", web.page(req), "items", items, "level", level == null ? "" : level,
                "state", state == null ? "" : state, "questionnaires", questionnaires);
    }

    private void handleNew(ServerRequest req, ServerResponse res) {
        WebAuth.require(req, Role.SCREENER);
        Optional<Questionnaire> q = req.query().first("questionnaire").asOptional().flatMap(questionnaires::latest);
        Page page = web.page(req);
        if (q.isEmpty()) {
            web.render(req, res, "screenings/choose.jte", page, "choices", latestOfEach());
            return;
        }
        Map<String, String> values = new java.util.TreeMap<>();
        values.put("subject.citizenship", "BG");
        if ("true".equals(req.query().first("ageUncertain").asOptional().orElse(""))) {
            values.put("subject.ageUncertain", "true");
        }
        web.render(req, res, "screenings/form.jte", page, "form",
                ScreeningForm.of(q.get(), values, FormErrors.none(), UUID.randomUUID().toString()));
    }

    private void handleSubmit(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.SCREENER);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        Page page = web.page(req);
        Questionnaire q = questionnaire(Web.field(form, "questionnaire"), Web.field(form, "questionnaireVersion"));
        Map<String, String> values = ScreeningForm.values(form);
        String submission = Optional.ofNullable(Web.field(form, "_submission")).filter(s -> s.length() <= 64)
                .orElse(UUID.randomUUID().toString());
        FormErrors errors = FormErrors.none();
        Map<String, Object> body = ScreeningForm.body(q, values, errors, web.messages(), page.lang());
        if (errors.isEmpty()) {
            byte[] raw = Json.write(body);
            try {
                ScreeningRequest request = Json.parse(raw, ScreeningRequest.class);
                // The form's one-time key makes a double click or a re-sent form answer with the first screening.
                ScreeningWorkflow.Outcome outcome = workflow.submit(p, request, Optional.of("web-" + submission), raw);
                ScreeningViews.ScreeningView view = Json.read(outcome.responseJson(), ScreeningViews.ScreeningView.class);
                Web.seeOther(res, "/screenings/" + view.id());
                return;
            } catch (ProblemException e) {
                if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
                    throw e;
                }
                for (Problem.FieldProblem fp : e.problem().errors()) {
                    errors.add(fieldId(fp.field()), fieldMessage(page, fp.field()));
                }
            }
        }
        web.render(req, res, Status.BAD_REQUEST_400, "screenings/form.jte", page, "form",
                ScreeningForm.of(q, values, errors, submission));
    }

    private void handleResult(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.SCREENER);
        web.render(req, res, "screenings/result.jte", web.page(req), "result", result(p, req.path().pathParameters().get("id")),
                "now", clock.instant());
    }

    /** The referral table alone, which the result page refreshes (htmx) so that states change as they happen. */
    private void handleReferralStates(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.SCREENER);
        web.render(req, res, "screenings/referrals.jte", web.page(req), "result",
                result(p, req.path().pathParameters().get("id")), "now", clock.instant());
    }

    private ScreeningResult result(Principal p, String id) {
        // Another organisation's screening does not exist for this screener (404), as in the API.
        ScreeningStore.Row row = screenings.find(id).filter(r -> p.actsFor(r.organisationId()))
                .orElseThrow(() -> new PageException(404));
        Assessment assessment = Json.read(row.assessmentJson(), Assessment.class);
        ScreeningViews.ScreeningView stored = Json.read(row.responseJson(), ScreeningViews.ScreeningView.class);
        List<ScreeningViews.ReferralView> views = referrals.forScreening(id).stream()
                .map(r -> ScreeningViews.view(r, directory.find(r.recipientId()).orElse(null), null)).toList();
        return new ScreeningResult(row.id(), Instant.ofEpochMilli(row.createdAt()),
                questionnaires.find(row.questionnaireId(), row.questionnaireVersion()).orElse(null), assessment, views,
                stored.advice() == null ? List.of() : stored.advice());
    }

    private Questionnaire questionnaire(String id, String version) {
        try {
            return questionnaires.find(id, Integer.parseInt(version)).orElseThrow(() -> new PageException(400));
        } catch (NumberFormatException | NullPointerException e) {
            throw new PageException(400);
        }
    }

    private List<Questionnaire> latestOfEach() {
        return questionnaires.all().stream().map(Questionnaire::id).distinct()
                .map(questionnaires::latest).flatMap(Optional::stream).toList();
    }

    // "answers" or "subject" alone point at no single field: the summary links to the form's first question.
    private static String fieldId(String field) {
        return field == null || field.equals("answers") || field.equals("subject") || field.equals("body")
                ? "subject.ageYears" : field;
    }

    private static String fieldMessage(Page page, String field) {
        String key = "form.error." + field;
        return page.has(key) ? page.t(key) : page.t("form.error.generic");
    }

    private static <E extends Enum<E>> boolean enumHas(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).anyMatch(e -> e.name().equals(name));
    }
}
