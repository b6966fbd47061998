package bg.nrm.service.directory;

import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.keys.pgp.WebKeyDirectory;
import bg.nrm.service.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Web Key Directory, direct method, under {@code /.well-known/openpgpkey}: {@code hu/<hash>} answers the service's
 * certificate (binary, as the draft requires) for the local part of each e-mail address in its user ids, and
 * {@code policy} is the empty policy file. Mail clients (Thunderbird, gpg {@code --locate-keys}) look the From address
 * up there; for that the service must be reachable as {@code https://<domain of the From address>/} (README).
 */
public final class WebKeyDirectoryService implements HttpService {
    private final ServiceSigningKey key;
    private final Set<String> hashes;

    public WebKeyDirectoryService(ServiceSigningKey key) {
        this.key = key;
        this.hashes = key.userIds().stream().filter(u -> u.contains("<") && u.contains("@"))
                .map(u -> u.substring(u.lastIndexOf('<') + 1, u.lastIndexOf('@')))
                .map(WebKeyDirectory::localPartHash).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/policy", this::handlePolicy)
                .get("/hu/{hash}", this::handleKey);
    }

    private void handlePolicy(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain");
        res.header(HeaderNames.create("Access-Control-Allow-Origin"), "*");
        res.send("");
    }

    private void handleKey(ServerRequest req, ServerResponse res) {
        String hash = req.path().pathParameters().get("hash").toLowerCase(Locale.ROOT);
        if (!hashes.contains(hash)) {
            throw ProblemException.notFound("key");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.header(HeaderNames.create("Access-Control-Allow-Origin"), "*");
        res.header(HeaderNames.create("X-Key-Fingerprint"), key.fingerprint());
        res.send(key.binaryCertificate());
    }
}
