package bg.nrm.service.web;

import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.referral.FollowUpService;
import bg.nrm.service.referral.Referral;
import bg.nrm.service.referral.ReferralService;
import bg.nrm.service.referral.ReferralStore;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.util.List;

/**
 * The recipient's pages: the inbox ({@code /inbox}), which updates itself when a referral arrives (it listens to
 * the API's Server-Sent Events at {@code /api/v1/alerts} with its session cookie, then fetches its rows), and a referral ({@code /referrals/{id}}) with acknowledge, accept and decline,
 * the armored message and the PDF to download, and its opening in the browser (the key never leaves it). Every
 * action goes through {@link ReferralService} (the PDF through {@link FollowUpService}), the same checks,
 * transitions and audit entries as the API.
 */
public final class RecipientPages implements HttpService {
    private static final int INBOX_LIMIT = 500;

    private final Web web;
    private final ReferralService service;
    private final FollowUpService followUp;
    private final ReferralStore store;
    private final OrganisationStore directory;
    private final Clock clock;

    public RecipientPages(Web web, ReferralService service, FollowUpService followUp, ReferralStore store,
                          OrganisationStore directory, Clock clock) {
        this.web = web;
        this.service = service;
        this.followUp = followUp;
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    /** Routes under {@code /inbox}. */
    public HttpService inbox() {
        return rules -> rules.get("/", web.guard(this::handleInbox))
                .get("/rows", web.guard(this::handleRows));
    }

    /** Routes under {@code /referrals}. */
    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}", web.guard(this::handleReferral))
                .get("/{id}/message.asc", web.guard(this::handleMessage))
                .get("/{id}/document.pdf", web.guard(this::handlePdf))
                .post("/{id}/ack", web.guard(this::handleAck))
                .post("/{id}/decision", web.guard(this::handleDecision));
    }

    private void handleInbox(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.RECIPIENT);
        web.render(req, res, "inbox/inbox.jte", web.page(req), "rows", rows(p));
    }

    /** The inbox table alone: what the page fetches when an alert arrives. */
    private void handleRows(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.RECIPIENT);
        web.render(req, res, "inbox/rows.jte", web.page(req), "rows", rows(p));
    }

    private void handleReferral(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.RECIPIENT);
        showReferral(req, res, Status.OK_200, row(p, req.path().pathParameters().get("id")), FormErrors.none(), "");
    }

    /** The armored message, for gpg or Kleopatra, and for the page's own decryption. */
    private void handleMessage(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.RECIPIENT);
        String id = req.path().pathParameters().get("id");
        String envelope = service.openEnvelope(p, id);
        res.header(HeaderNames.CONTENT_TYPE, "application/pgp-encrypted");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"referral-" + id + ".asc\"");
        res.send(envelope);
    }

    /**
     * The referral's PDF for the case file, on the page's session (the API's {@code document.pdf} wants a bearer
     * token); the same checks and audit entry as the API. Another organisation's referral is "not found".
     */
    private void handlePdf(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.RECIPIENT);
        String id = req.path().pathParameters().get("id");
        byte[] pdf;
        try {
            pdf = followUp.pdf(p, id);
        } catch (ProblemException e) {
            throw new PageException(e.problem().status() == 410 ? 410 : 404);
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/pdf");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"referral-" + id + ".pdf\"");
        res.send(pdf);
    }

    private void handleAck(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.RECIPIENT);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        Referral r = service.acknowledge(p, req.path().pathParameters().get("id"));
        Web.seeOther(res, "inbox".equals(Web.field(form, "back")) ? "/inbox" : "/referrals/" + r.id());
    }

    private void handleDecision(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.RECIPIENT);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        String id = req.path().pathParameters().get("id");
        String decision = Web.field(form, "decision");
        String reason = Web.field(form, "reason");
        Page page = web.page(req);
        try {
            service.decide(p, id, new ReferralService.Decision(decision, reason == null || reason.isBlank() ? null : reason));
            Web.seeOther(res, "/referrals/" + id);
        } catch (ProblemException e) {
            if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
                throw e;
            }
            FormErrors errors = FormErrors.none();
            for (Problem.FieldProblem fp : e.problem().errors()) {
                errors.add(fp.field(), page.t("decision.error." + fp.field()));
            }
            showReferral(req, res, Status.BAD_REQUEST_400, row(p, id), errors, reason == null ? "" : reason);
        }
    }

    private void showReferral(ServerRequest req, ServerResponse res, Status status, InboxRow row, FormErrors errors,
                              String reason) {
        web.render(req, res, status, "inbox/referral.jte", web.page(req), "row", row, "errors", errors, "reason", reason);
    }

    private InboxRow row(Principal p, String id) {
        Referral r;
        try {
            r = service.addressedTo(p, id);
        } catch (ProblemException e) {
            throw new PageException(404);
        }
        return InboxRow.of(r, directory.find(r.fromOrganisation()).orElse(null), clock.instant());
    }

    private List<InboxRow> rows(Principal p) {
        var now = clock.instant();
        return store.forRecipient(p.organisationId(), INBOX_LIMIT).stream()
                .map(r -> InboxRow.of(r, directory.find(r.fromOrganisation()).orElse(null), now)).toList();
    }
}
