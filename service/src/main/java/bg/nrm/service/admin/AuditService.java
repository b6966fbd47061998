package bg.nrm.service.admin;

import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Bodies;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /api/v1/audit/verify} for auditors: is the chain intact, how long is it, what is its head. */
public final class AuditService implements HttpService {
    private final AuditLog log;

    public AuditService(AuditLog log) {
        this.log = log;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/verify", this::handleVerify);
    }

    private void handleVerify(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.AUDITOR);
        Bodies.json(res, log.verify());
    }
}
