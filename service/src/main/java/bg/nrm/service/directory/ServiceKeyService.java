package bg.nrm.service.directory;

import bg.nrm.keys.pgp.ServiceSigningKey;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /api/v1/service-key}: the service's armored OpenPGP signing certificate, public, no sign-in. */
public final class ServiceKeyService implements HttpService {
    private final ServiceSigningKey key;

    public ServiceKeyService(ServiceSigningKey key) {
        this.key = key;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleGet);
    }

    private void handleGet(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/pgp-keys");
        res.header(HeaderNames.create("X-Key-Fingerprint"), key.fingerprint());
        res.send(key.armoredCertificate());
    }
}
