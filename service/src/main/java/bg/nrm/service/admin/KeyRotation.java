package bg.nrm.service.admin;

import bg.nrm.keys.atrest.KeyEncryptionKeys;
import bg.nrm.keys.atrest.Sealer;
import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * {@code POST /api/v1/admin/kek/rotate}: a new key-encryption key becomes primary and every screening's data key is
 * re-wrapped under it. The sealed case content itself is not touched (and not decrypted).
 */
public final class KeyRotation implements HttpService {
    private static final int BATCH = 500;

    private final Database db;
    private final KeyEncryptionKeys keks;
    private final Sealer sealer;
    private final AuditLog audit;

    public KeyRotation(Database db, KeyEncryptionKeys keks, Sealer sealer, AuditLog audit) {
        this.db = db;
        this.keks = keks;
        this.sealer = sealer;
        this.audit = audit;
    }

    /** The outcome of a rotation. */
    public record Rotated(String primary, long rewrapped) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/kek/rotate", this::handleRotate);
    }

    private void handleRotate(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        if (db.postgres()) {
            // Instances load the keystore once; a rotation by one would leave the others unable to unwrap data keys.
            throw ProblemException.conflict("rotate the key-encryption key on PostgreSQL with a single instance running: "
                    + "start it with nrm.kek.rotate-on-start=true");
        }
        Rotated rotated = rotate();
        audit.append(admin.username(), "KEK_ROTATED", rotated.primary(), rotated.rewrapped() + " data key(s) re-wrapped");
        Bodies.json(res, rotated);
    }

    /** Rotates the KEK and re-wraps every data key not yet under the new primary. */
    public synchronized Rotated rotate() {
        String primary = keks.rotate();
        long total = rewrapWebhookSecrets(primary);
        String after = "";
        while (true) {
            String from = after;
            record Row(String id, byte[] key) { }
            List<Row> rows = db.read(c -> Sql.list(c, "SELECT id, data_key FROM screenings WHERE data_key IS NOT NULL "
                    + "AND id > ? ORDER BY id LIMIT " + BATCH, rs -> new Row(rs.getString(1), rs.getBytes(2)), from));
            if (rows.isEmpty()) {
                return new Rotated(primary, total);
            }
            total += db.inTransaction(c -> {
                int n = 0;
                for (Row r : rows) {
                    WrappedDataKey key = WrappedDataKey.fromBytes(r.key());
                    if (!key.kekId().equals(primary)) {
                        n += Sql.update(c, "UPDATE screenings SET data_key = ? WHERE id = ? AND data_key IS NOT NULL",
                                sealer.rewrap(key).toBytes(), r.id());
                    }
                }
                return n;
            });
            after = rows.get(rows.size() - 1).id();
        }
    }

    // Organisations' webhook secrets are sealed under data keys too; there are few, so one transaction does.
    private long rewrapWebhookSecrets(String primary) {
        record Row(String id, byte[] key) { }
        return db.inTransaction(c -> {
            int n = 0;
            for (Row r : Sql.list(c, "SELECT id, webhook_secret_key FROM organisations WHERE webhook_secret_key IS NOT NULL",
                    rs -> new Row(rs.getString(1), rs.getBytes(2)))) {
                WrappedDataKey key = WrappedDataKey.fromBytes(r.key());
                if (!key.kekId().equals(primary)) {
                    n += Sql.update(c, "UPDATE organisations SET webhook_secret_key = ? WHERE id = ?",
                            sealer.rewrap(key).toBytes(), r.id());
                }
            }
            return n;
        });
    }
}
