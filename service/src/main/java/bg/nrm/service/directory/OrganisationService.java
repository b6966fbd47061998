package bg.nrm.service.directory;

import bg.nrm.keys.pgp.CertificateInfo;
import bg.nrm.keys.pgp.Certificates;
import bg.nrm.keys.pgp.InvalidKeyException;
import bg.nrm.rules.Regions;
import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.store.Database;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The directory, for administrators: list, create and update organisations (for example their webhook), and upload
 * an organisation's public key. Administrators never see case content.
 */
public final class OrganisationService implements HttpService {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final int MAX_KEY_BYTES = 64 * 1024;

    private final Database db;
    private final OrganisationStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean allowPrivateNetworks;

    public OrganisationService(Database db, OrganisationStore store, AuditLog audit, Clock clock,
                               boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** An organisation with its key fingerprints, as administrators see it. */
    public record OrganisationView(Organisation organisation, List<KeyView> keys) {
    }

    /** A stored certificate, without the certificate text. */
    public record KeyView(String fingerprint, String status, Long expiresAt) {
    }

    /** The fields an administrator may change; absent fields stay as they are. */
    public record OrganisationUpdate(String name, String webhookUrl, Integer places, Integer freePlaces,
                                     List<String> coveredRegions, Boolean takesChildren, Boolean takesAdults,
                                     Organisation.Placement placement) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleList)
                .post("/", this::handleCreate)
                .get("/{id}", this::handleOne)
                .put("/{id}", this::handleUpdate)
                .put("/{id}/keys", this::handleKeys);
    }

    private void handleList(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.ADMIN);
        Bodies.json(res, store.all().stream().map(this::view).toList());
    }

    private void handleOne(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.ADMIN);
        Bodies.json(res, view(require(req.path().pathParameters().get("id"))));
    }

    private void handleCreate(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        Organisation o = Bodies.readJson(req, 8192, Organisation.class);
        List<Problem.FieldProblem> errors = validate(o);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        db.inTransaction(c -> {
            if (OrganisationStore.find(c, o.id()).isPresent()) {
                throw ProblemException.conflict("an organisation with this id exists");
            }
            OrganisationStore.insert(c, o, clock.millis());
            audit.append(c, admin.username(), "ORGANISATION_CREATED", o.id(), null);
            return null;
        });
        OrganisationStore.changed(); // again after the commit, so no read made during the transaction stays cached
        Bodies.json(res, Status.CREATED_201, view(o));
    }

    private void handleUpdate(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        String id = req.path().pathParameters().get("id");
        OrganisationUpdate u = Bodies.readJson(req, 8192, OrganisationUpdate.class);
        Organisation current = require(id);
        Organisation next = new Organisation(id, u.name() != null ? u.name() : current.name(), current.type(),
                current.region(), u.coveredRegions() != null ? u.coveredRegions() : current.coveredRegions(),
                u.takesChildren() != null ? u.takesChildren() : current.takesChildren(),
                u.takesAdults() != null ? u.takesAdults() : current.takesAdults(),
                u.places() != null ? u.places() : current.places(),
                u.freePlaces() != null ? u.freePlaces() : current.freePlaces(),
                u.webhookUrl() != null ? (u.webhookUrl().isEmpty() ? null : u.webhookUrl()) : current.webhookUrl(),
                u.placement() != null ? u.placement() : current.placement());
        List<Problem.FieldProblem> errors = validate(next);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        db.inTransaction(c -> {
            OrganisationStore.update(c, next);
            audit.append(c, admin.username(), "ORGANISATION_UPDATED", id, null);
            return null;
        });
        OrganisationStore.changed(); // again after the commit, so no read made during the transaction stays cached
        Bodies.json(res, view(next));
    }

    private void handleKeys(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        String id = req.path().pathParameters().get("id");
        require(id);
        String armored = new String(Bodies.readAtMost(req, MAX_KEY_BYTES), StandardCharsets.UTF_8);
        CertificateInfo info;
        try {
            info = Certificates.requireUsableForEncryption(armored, clock.instant());
        } catch (InvalidKeyException e) {
            throw ProblemException.badRequest("body", e.getMessage());
        }
        db.inTransaction(c -> {
            OrganisationStore.activateKey(c, id, info.fingerprint(), armored,
                    info.expires() == null ? null : info.expires().toEpochMilli(), clock.millis());
            audit.append(c, admin.username(), "KEY_ACTIVATED", id, info.fingerprint());
            return null;
        });
        OrganisationStore.changed(); // again after the commit, so no read made during the transaction stays cached
        Bodies.json(res, view(require(id)));
    }

    private Organisation require(String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("organisation"));
    }

    private OrganisationView view(Organisation o) {
        return new OrganisationView(o, store.keys(o.id()).stream()
                .map(k -> new KeyView(k.fingerprint(), k.status(), k.expiresAt())).toList());
    }

    // Ruleset 2.0.0 placement facts: the same limits the routing rules accept, each error naming its field.
    private static void placement(Organisation.Placement p, List<Problem.FieldProblem> errors) {
        if (p == null) {
            return;
        }
        if (p.takesGender() != null && !bg.nrm.rules.routing.Organisation.GENDERS.contains(p.takesGender())) {
            errors.add(new Problem.FieldProblem("placement.takesGender", "must be female, male or any"));
        }
        if (p.minAge() != null && (p.minAge() < 0 || p.minAge() > 120)) {
            errors.add(new Problem.FieldProblem("placement.minAge", "must be between 0 and 120"));
        }
        if (p.maxAge() != null && (p.maxAge() < 0 || p.maxAge() > 120
                || p.minAge() != null && p.maxAge() < p.minAge())) {
            errors.add(new Problem.FieldProblem("placement.maxAge", "must be between minAge and 120"));
        }
        if (p.serves() != null && !bg.nrm.rules.routing.Organisation.SERVES.containsAll(p.serves())) {
            errors.add(new Problem.FieldProblem("placement.serves", "must list TRAFFICKING, DOMESTIC_VIOLENCE or GENERAL"));
        }
    }

    private List<Problem.FieldProblem> validate(Organisation o) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        Regions regions = Regions.builtIn();
        if (o.id() == null || !ID.matcher(o.id()).matches()) {
            errors.add(new Problem.FieldProblem("id", "must be a slug of lower-case letters, digits and dashes"));
        }
        if (o.name() == null || o.name().isBlank() || o.name().length() > 300) {
            errors.add(new Problem.FieldProblem("name", "required, at most 300 characters"));
        }
        if (o.type() == null) {
            errors.add(new Problem.FieldProblem("type", "required: one of " + List.of(OrganisationType.values())));
        }
        if (!regions.isValid(o.region())) {
            errors.add(new Problem.FieldProblem("region", "must be a region code BG-01 to BG-28"));
        }
        if (o.coveredRegions() == null || o.coveredRegions().isEmpty()
                || !o.coveredRegions().stream().allMatch(regions::isValid)) {
            errors.add(new Problem.FieldProblem("coveredRegions", "must list region codes BG-01 to BG-28"));
        }
        if (o.places() != null && o.places() < 0) {
            errors.add(new Problem.FieldProblem("places", "must not be negative"));
        }
        placement(o.placement(), errors);
        if (o.freePlaces() != null && (o.freePlaces() < 0 || (o.places() != null && o.freePlaces() > o.places()))) {
            errors.add(new Problem.FieldProblem("freePlaces", "must be between 0 and places"));
        }
        if (o.webhookUrl() != null && !Webhooks.acceptable(o.webhookUrl(), allowPrivateNetworks)) {
            errors.add(new Problem.FieldProblem("webhookUrl",
                    "must be an https:// address of a public host (http:// only on loopback)"));
        }
        return errors;
    }
}
