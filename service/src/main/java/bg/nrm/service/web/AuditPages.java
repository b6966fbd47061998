package bg.nrm.service.web;

import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.audit.AuditTrail;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The auditor's page ({@code /audit}): the audit log, newest first, {@value #PAGE_SIZE} entries a page, filtered by
 * who and what; and the verification of the chain ({@code /audit/verify}, the same check as
 * {@code GET /api/v1/audit/verify}). Verifying only reads, so it is a link, not a form. Entries name who, what, when
 * and ids, never case content.
 */
public final class AuditPages implements HttpService {
    static final int PAGE_SIZE = 50;

    private final Web web;
    private final AuditLog log;
    private final AuditTrail trail;

    public AuditPages(Web web, AuditLog log, AuditTrail trail) {
        this.web = web;
        this.log = log;
        this.trail = trail;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", web.guard(this::handleLog))
                .get("/verify", web.guard(this::handleVerify));
    }

    private void handleLog(ServerRequest req, ServerResponse res) {
        WebAuth.require(req, Role.AUDITOR);
        show(req, res, null);
    }

    private void handleVerify(ServerRequest req, ServerResponse res) {
        Principal p = WebAuth.require(req, Role.AUDITOR);
        AuditLog.Verification v = log.verify();
        // Who checked the chain, and what they were shown, is itself on the record.
        log.append(p.username(), "AUDIT_VERIFIED", null, "valid=" + v.valid() + " entries=" + v.entries());
        show(req, res, v);
    }

    private void show(ServerRequest req, ServerResponse res, AuditLog.Verification verification) {
        UriQuery q = req.query();
        String actor = q.first("actor").orElse("").trim();
        String action = q.first("action").orElse("").trim();
        Long before = q.first("before").asOptional().filter(s -> s.matches("\\d{1,18}")).map(Long::valueOf)
                .orElse(null);
        AuditTrail.Page entries = trail.page(before, PAGE_SIZE, actor, action);
        web.render(req, res, "audit/audit.jte", web.page(req), "entries", entries, "actions", trail.actions(),
                "actor", actor, "action", action, "before", before, "verification", verification);
    }
}
