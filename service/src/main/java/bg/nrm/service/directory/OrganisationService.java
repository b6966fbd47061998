package bg.nrm.service.directory;

import bg.nrm.keys.KeysException;
import bg.nrm.keys.webhook.WebhookSecret;
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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>()\\[\\],;:\"]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,63}");
    // Digits and the usual separators, optionally followed by a short note in brackets, e.g. "(демо)".
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()/.-]{2,29}( \\([\\p{L} ]{1,20}\\))?");
    private static final String GENERATE = "generate";

    private final boolean allowPrivateNetworks;
    private final WebhookSecrets secrets;

    public OrganisationService(Database db, OrganisationStore store, AuditLog audit, Clock clock,
                               boolean allowPrivateNetworks, WebhookSecrets secrets) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.secrets = secrets;
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * An organisation with its key fingerprints, as administrators see it. The webhook secret is never shown, only
     * whether one is set; {@code newWebhookSecret} is present once, in the answer that generated it.
     */
    public record OrganisationView(Organisation organisation, List<KeyView> keys, boolean webhookSecretSet,
                                   String newWebhookSecret) {
    }

    /** A stored certificate, without the certificate text. */
    public record KeyView(String fingerprint, String status, Long expiresAt) {
    }

    /**
     * The fields an administrator may change; absent fields stay as they are, an empty string clears a text field.
     * {@code webhookSecret} is a Standard Webhooks secret ({@code whsec_…}) or {@code "generate"} for a new one,
     * shown once in the answer.
     */
    public record OrganisationUpdate(String name, String webhookUrl, Integer places, Integer freePlaces,
                                     List<String> coveredRegions, Boolean takesChildren, Boolean takesAdults,
                                     String address, String dutyPhone, String outOfHoursPhone, String email,
                                     String webhookSecret, Organisation.Placement placement) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleList)
                .post("/", this::handleCreate)
                .get("/{id}", this::handleOne)
                .put("/{id}", this::handleUpdate)
                .post("/{id}/keys/{fingerprint}/retire", this::handleRetire);
        // PUT /{id}/keys and POST /{id}/keys/confirm: KeyChanges.
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
        Bodies.json(res, update(admin, id, u));
    }

    private void handleRetire(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        Bodies.json(res, retireKey(admin, req.path().pathParameters().get("id"),
                req.path().pathParameters().get("fingerprint")));
    }

    /** Every organisation with its keys, for administrators (the API's list and the administrator's pages). */
    public List<OrganisationView> list() {
        return store.all().stream().map(this::view).toList();
    }

    /** One organisation with its keys; 404 when there is none with this id. */
    public OrganisationView one(String id) {
        return view(require(id));
    }

    /**
     * Retires one of the organisation's keys: no new referral is encrypted to it (messages already sent stay
     * readable with the secret key). 404 for a key the organisation does not have.
     */
    public OrganisationView retireKey(Principal admin, String id, String fingerprint) {
        require(id);
        db.inTransaction(c -> {
            if (!OrganisationStore.retireKey(c, id, fingerprint)) {
                throw ProblemException.notFound("key");
            }
            audit.append(c, admin.username(), "KEY_RETIRED", id, fingerprint);
            return null;
        });
        OrganisationStore.changed(); // again after the commit, so no read made during the transaction stays cached
        return view(require(id));
    }

    /**
     * Changes the fields {@code u} names (absent keeps, an empty string clears), checked as on creation, and audits
     * the change; a newly generated webhook secret is in the answer, once.
     */
    public OrganisationView update(Principal admin, String id, OrganisationUpdate u) {
        Organisation current = require(id);
        Organisation next = new Organisation(id, u.name() != null ? u.name() : current.name(), current.type(),
                current.region(), u.coveredRegions() != null ? u.coveredRegions() : current.coveredRegions(),
                u.takesChildren() != null ? u.takesChildren() : current.takesChildren(),
                u.takesAdults() != null ? u.takesAdults() : current.takesAdults(),
                u.places() != null ? u.places() : current.places(),
                u.freePlaces() != null ? u.freePlaces() : current.freePlaces(),
                orNull(u.webhookUrl(), current.webhookUrl()),
                new Organisation.Contacts(orNull(u.address(), current.contacts().address()),
                        orNull(u.dutyPhone(), current.contacts().dutyPhone()),
                        orNull(u.outOfHoursPhone(), current.contacts().outOfHoursPhone()),
                        orNull(u.email(), current.contacts().email())),
                u.placement() != null ? u.placement() : current.placement());
        List<Problem.FieldProblem> errors = validate(next);
        WebhookSecret secret = null;
        boolean generate = GENERATE.equals(u.webhookSecret())
                // Every webhook request is signed: a first webhook address gets a secret, shown once in this answer.
                || (u.webhookSecret() == null && next.webhookUrl() != null && !secrets.isSet(id));
        if (generate) {
            secret = WebhookSecret.generate();
        } else if (u.webhookSecret() != null && !u.webhookSecret().isEmpty()) {
            try {
                secret = WebhookSecret.parse(u.webhookSecret());
            } catch (KeysException e) {
                errors.add(new Problem.FieldProblem("webhookSecret", "must be " + WebhookSecret.PREFIX
                        + " followed by the base64 of 24 to 64 random bytes, or \"" + GENERATE + "\""));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        OrganisationStore.SealedSecret sealed = secret == null ? null : secrets.seal(id, secret);
        boolean clearSecret = "".equals(u.webhookSecret());
        db.inTransaction(c -> {
            OrganisationStore.update(c, next);
            if (sealed != null || clearSecret) {
                OrganisationStore.setWebhookSecret(c, id, sealed);
            }
            String secretChange = sealed != null ? "webhook secret set" : clearSecret ? "webhook secret removed" : null;
            String webhook = webhookChange(current, next);
            audit.append(c, admin.username(), "ORGANISATION_UPDATED", id,
                    webhook == null ? secretChange : secretChange == null ? webhook : webhook + "; " + secretChange);
            return null;
        });
        OrganisationStore.changed(); // again after the commit, so no read made during the transaction stays cached
        OrganisationView view = view(next);
        if (generate) {
            view = new OrganisationView(view.organisation(), view.keys(), true, secret.unsafeText());
        }
        return view;
    }

    // Absent keeps the current value; an empty string clears it.
    private static String orNull(String given, String current) {
        return given == null ? current : given.isEmpty() ? null : given;
    }

    /**
     * The webhook change, old and new, for the audit log; null when the webhook stayed. The query string is left out
     * (it may carry a receiver's secret), and each address is cut to 200 characters.
     */
    static String webhookChange(Organisation before, Organisation after) {
        if (Objects.equals(before.webhookUrl(), after.webhookUrl())) {
            return null;
        }
        return "webhookUrl: " + forAudit(before.webhookUrl()) + " -> " + forAudit(after.webhookUrl());
    }

    private static String forAudit(String url) {
        if (url == null) {
            return "none";
        }
        int query = url.indexOf('?');
        String bare = query < 0 ? url : url.substring(0, query) + "?…";
        return bare.length() > 200 ? bare.substring(0, 200) + "…" : bare;
    }

    private Organisation require(String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("organisation"));
    }

    private OrganisationView view(Organisation o) {
        return new OrganisationView(o, store.keys(o.id()).stream()
                .map(k -> new KeyView(k.fingerprint(), k.status(), k.expiresAt())).toList(), secrets.isSet(o.id()), null);
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
        Organisation.Contacts contacts = o.contacts();
        if (contacts.address() != null && (contacts.address().isBlank() || contacts.address().length() > 300)) {
            errors.add(new Problem.FieldProblem("address", "at most 300 characters"));
        }
        if (contacts.dutyPhone() != null && !PHONE.matcher(contacts.dutyPhone()).matches()) {
            errors.add(new Problem.FieldProblem("dutyPhone", "must be a phone number such as +359 32 123 456"));
        }
        if (contacts.outOfHoursPhone() != null && !PHONE.matcher(contacts.outOfHoursPhone()).matches()) {
            errors.add(new Problem.FieldProblem("outOfHoursPhone", "must be a phone number such as +359 32 123 456"));
        }
        if (contacts.email() != null && (contacts.email().length() > 254 || !EMAIL.matcher(contacts.email()).matches())) {
            errors.add(new Problem.FieldProblem("email", "must be an e-mail address such as duty@example.bg"));
        }
        return errors;
    }
}
