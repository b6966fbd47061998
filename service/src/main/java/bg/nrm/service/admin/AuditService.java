package bg.nrm.service.admin;

import bg.nrm.service.audit.AuditCheckpoints;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * For auditors: {@code GET /api/v1/audit/verify} (is the chain intact against the latest signed checkpoint, how
 * long is it, what is its head, where does it break) and {@code GET /api/v1/audit/checkpoint} (the latest signed
 * checkpoint, to keep or to check with {@code gpg --verify} against the service key).
 */
public final class AuditService implements HttpService {
    private final AuditLog log;
    private final AuditCheckpoints checkpoints;

    public AuditService(AuditLog log, AuditCheckpoints checkpoints) {
        this.log = log;
        this.checkpoints = checkpoints;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/verify", this::handleVerify)
                .get("/checkpoint", this::handleCheckpoint);
    }

    private void handleCheckpoint(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.AUDITOR);
        checkpoints.write();
        AuditCheckpoints.Checkpoint latest = checkpoints.latest()
                .orElseThrow(() -> ProblemException.notFound("checkpoint"));
        Bodies.json(res, latest);
    }

    private void handleVerify(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.AUDITOR);
        Bodies.json(res, log.verify());
    }
}
