package bg.nrm.service.web;

import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.auth.UserService;
import bg.nrm.service.directory.KeyChanges;
import bg.nrm.service.directory.OrganisationService;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The administrator's directory pages under {@code /admin}: the organisations ({@code /admin/organisations}), one
 * organisation ({@code /admin/organisations/{id}}) with its capacity, whom it takes and its webhook to change, and
 * its public keys (upload, fingerprint and expiry, retire); and the accounts ({@code /admin/users}: list, create with
 * the one-time password shown once, disable and enable, reset the password; {@code /admin/users/{username}}: change
 * the role, delete an account that was never used). Every change goes through
 * {@link OrganisationService} or {@link UserService}: the same checks and audit entries as the API. Form fields are
 * named as the API's JSON fields. A one-time password is shown only in the answer to the post that made it (never in
 * an address, never stored by the browser: pages are {@code no-store}).
 */
public final class AdminPages implements HttpService {
    private final Web web;
    private static final String[] USER_FIELDS = {"username", "displayName", "phone", "role", "organisationId"};

    private final OrganisationService organisations;
    private final KeyChanges keyChanges;
    private final UserService users;

    public AdminPages(Web web, OrganisationService organisations, KeyChanges keyChanges, UserService users) {
        this.keyChanges = keyChanges;
        this.web = web;
        this.organisations = organisations;
        this.users = users;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", web.guard(this::handleHome))
                .get("/organisations", web.guard(this::handleOrganisations))
                .get("/organisations/{id}", web.guard(this::handleOrganisation))
                .post("/organisations/{id}", web.guard(this::handleUpdate))
                .post("/organisations/{id}/keys", web.guard(this::handleUpload))
                .post("/organisations/{id}/keys/{fingerprint}/retire", web.guard(this::handleRetire))
                .get("/users", web.guard(this::handleUsers))
                .post("/users", web.guard(this::handleCreateUser))
                .get("/users/{username}", web.guard(this::handleUser))
                .post("/users/{username}/enabled", web.guard(this::handleEnabled))
                .post("/users/{username}/password", web.guard(this::handleReset))
                .post("/users/{username}/role", web.guard(this::handleRole))
                .post("/users/{username}/delete", web.guard(this::handleDelete));
    }

    private void handleUser(ServerRequest req, ServerResponse res) {
        WebAuth.require(req, Role.ADMIN);
        showUser(req, res, Status.OK_200, user(req), FormErrors.none(), req.query().first("done").orElse(""));
    }

    /** A new role; the account's sessions and tokens end at once (the API's rule), so it signs in again. */
    private void handleRole(ServerRequest req, ServerResponse res) {
        Principal admin = WebAuth.require(req, Role.ADMIN);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        UserService.UserView user = user(req);
        Page page = web.page(req);
        String role = Web.field(form, "role");
        FormErrors errors = FormErrors.none();
        if (role == null || role.isBlank()) {
            errors.add("role", page.t("admin.user.error.role"));
        } else if (!role.equals(user.role())) {
            try {
                users.update(admin, user.username(), new UserService.UserUpdate(null, role, null, null, null));
            } catch (ProblemException e) {
                if (e.problem().status() == 409) {
                    errors.add("role", page.t("admin.user.error.lastAdminRole"));
                } else if (e.problem().errors() != null && !e.problem().errors().isEmpty()) {
                    // The role the account's organisation does not fit is said on the role field.
                    errors.add("role", page.t(e.problem().errors().get(0).field().equals("organisationId")
                            ? "admin.user.error.roleOrganisation" : "admin.user.error.role"));
                } else {
                    throw e;
                }
            }
        }
        if (!errors.isEmpty()) {
            showUser(req, res, Status.BAD_REQUEST_400, user, errors, "");
            return;
        }
        Web.seeOther(res, "/admin/users/" + user.username() + "?done=role");
    }

    /** Deletes an account that nothing refers to, once the administrator has ticked the confirmation. */
    private void handleDelete(ServerRequest req, ServerResponse res) {
        Principal admin = WebAuth.require(req, Role.ADMIN);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        UserService.UserView user = user(req);
        Page page = web.page(req);
        FormErrors errors = FormErrors.none();
        Status status = Status.BAD_REQUEST_400;
        if (!"yes".equals(Web.field(form, "confirm"))) {
            errors.add("confirm", page.t("admin.user.error.confirm"));
        } else {
            status = Status.CONFLICT_409;
            try {
                users.delete(admin, user.username());
                Web.seeOther(res, "/admin/users?done=deleted&who=" + user.username());
                return;
            } catch (ProblemException e) {
                if (e.problem().status() != 409) {
                    throw e.problem().status() == 404 ? new PageException(404) : e;
                }
                errors.add("confirm", page.t(user.username().equals(admin.username())
                        ? "admin.user.error.deleteSelf" : "admin.user.error.inUse"));
            }
        }
        showUser(req, res, status, user, errors, "");
    }

    private void showUser(ServerRequest req, ServerResponse res, Status status, UserService.UserView user,
                          FormErrors errors, String done) {
        String organisation = user.organisationId() == null ? null : organisations.list().stream()
                .filter(o -> o.organisation().id().equals(user.organisationId()))
                .map(o -> o.organisation().name()).findFirst().orElse(user.organisationId());
        web.render(req, res, status, "admin/user.jte", web.page(req), "user", user, "organisation", organisation,
                "errors", errors, "done", done);
    }

    private UserService.UserView user(ServerRequest req) {
        String username = req.path().pathParameters().get("username");
        return users.list().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> new PageException(404));
    }

    private void handleUsers(ServerRequest req, ServerResponse res) {
        WebAuth.require(req, Role.ADMIN);
        String done = req.query().first("done").orElse("");
        String who = req.query().first("who").orElse("");
        showUsers(req, res, Status.OK_200, Map.of(), FormErrors.none(), done, who);
    }

    private void handleCreateUser(ServerRequest req, ServerResponse res) {
        Principal admin = WebAuth.require(req, Role.ADMIN);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        Page page = web.page(req);
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : USER_FIELDS) {
            String v = Web.field(form, f);
            values.put(f, v == null ? "" : v.trim());
        }
        FormErrors errors = FormErrors.none();
        try {
            UserService.WithTemporaryPassword created = users.create(admin, new UserService.NewUser(
                    values.get("username"), values.get("organisationId"), values.get("role"),
                    values.get("displayName"), values.get("phone").isEmpty() ? null : values.get("phone"), null));
            web.render(req, res, Status.CREATED_201, "admin/password.jte", page, "result", created, "created", true);
            return;
        } catch (ProblemException e) {
            if (e.problem().status() == 409) {
                errors.add("username", page.t("admin.user.error.taken"));
            } else {
                fieldErrors(e, errors, page, "admin.user.error.");
            }
        }
        showUsers(req, res, Status.BAD_REQUEST_400, values, errors, "", "");
    }

    private void handleEnabled(ServerRequest req, ServerResponse res) {
        Principal admin = WebAuth.require(req, Role.ADMIN);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        String username = req.path().pathParameters().get("username");
        boolean enabled = "true".equals(Web.field(form, "enabled"));
        try {
            users.update(admin, username, new UserService.UserUpdate(enabled, null, null, null, null));
        } catch (ProblemException e) {
            if (e.problem().status() == 409) {
                showUsers(req, res, Status.CONFLICT_409, Map.of(), FormErrors.none().add("users",
                        web.page(req).t("admin.user.error.lastAdmin")), "", "");
                return;
            }
            throw e.problem().status() == 404 ? new PageException(404) : e;
        }
        Web.seeOther(res, "/admin/users?done=" + (enabled ? "enabled" : "disabled") + "&who=" + username);
    }

    private void handleReset(ServerRequest req, ServerResponse res) {
        Principal admin = WebAuth.require(req, Role.ADMIN);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        UserService.WithTemporaryPassword reset;
        try {
            reset = users.resetPassword(admin, req.path().pathParameters().get("username"));
        } catch (ProblemException e) {
            throw e.problem().status() == 404 ? new PageException(404) : e;
        }
        web.render(req, res, "admin/password.jte", web.page(req), "result", reset, "created", false);
    }

    private void showUsers(ServerRequest req, ServerResponse res, Status status, Map<String, String> values,
                           FormErrors errors, String done, String who) {
        web.render(req, res, status, "admin/users.jte", web.page(req), "users", users.list(), "organisations",
                organisations.list(), "values", values, "errors", errors, "done", done, "who", who);
    }

    private void handleHome(ServerRequest req, ServerResponse res) {
        WebAuth.require(req, Role.ADMIN);
        Web.seeOther(res, "/admin/organisations");
    }

    private void handleOrganisations(ServerRequest req, ServerResponse res) {
        WebAuth.require(req, Role.ADMIN);
        web.render(req, res, "admin/organisations.jte", web.page(req), "organisations", organisations.list());
    }

    private void handleOrganisation(ServerRequest req, ServerResponse res) {
        WebAuth.require(req, Role.ADMIN);
        String done = req.query().first("done").orElse("");
        show(req, res, Status.OK_200, one(req), Map.of(), FormErrors.none(), "", done);
    }

    private void handleUpdate(ServerRequest req, ServerResponse res) {
        Principal admin = WebAuth.require(req, Role.ADMIN);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        OrganisationService.OrganisationView current = one(req);
        Page page = web.page(req);
        FormErrors errors = FormErrors.none();
        Integer places = whole(form, "places", errors, page);
        Integer freePlaces = whole(form, "freePlaces", errors, page);
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : new String[] {"name", "webhookUrl", "places", "freePlaces"}) {
            values.put(f, Web.field(form, f) == null ? "" : Web.field(form, f));
        }
        if (errors.isEmpty()) {
            String name = values.get("name").trim();
            try {
                organisations.update(admin, current.organisation().id(), new OrganisationService.OrganisationUpdate(
                        name.isEmpty() ? "" : name, values.get("webhookUrl").trim(), places, freePlaces, null,
                        form.contains("takesChildren"), form.contains("takesAdults"), null, null, null, null, null, null));
                Web.seeOther(res, "/admin/organisations/" + current.organisation().id() + "?done=saved");
                return;
            } catch (ProblemException e) {
                fieldErrors(e, errors, page, "admin.org.error.");
            }
        }
        show(req, res, Status.BAD_REQUEST_400, current, values, errors, "", "");
    }

    private void handleUpload(ServerRequest req, ServerResponse res) {
        Principal admin = WebAuth.require(req, Role.ADMIN);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        OrganisationService.OrganisationView current = one(req);
        Page page = web.page(req);
        String key = Web.field(form, "key");
        FormErrors errors = FormErrors.none();
        if (key == null || key.isBlank()) {
            errors.add("key", page.t("admin.key.error.empty"));
        } else {
            try {
                // Proposed, not activated: a user of the organisation confirms the fingerprint (or its current key
                // certifies the new one) before referrals are encrypted to it.
                keyChanges.propose(admin, current.organisation().id(), key.strip() + "\n");
                Web.seeOther(res, "/admin/organisations/" + current.organisation().id() + "?done=key#keys");
                return;
            } catch (ProblemException e) {
                if (e.problem().status() != 400) {
                    throw e;
                }
                // What the key check found is in the API's answer; the page says it in plain words.
                errors.add("key", page.t("admin.key.error.unusable"));
            }
        }
        show(req, res, Status.BAD_REQUEST_400, current, Map.of(), errors, key == null ? "" : key, "");
    }

    private void handleRetire(ServerRequest req, ServerResponse res) {
        Principal admin = WebAuth.require(req, Role.ADMIN);
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        String id = one(req).organisation().id();
        organisations.retireKey(admin, id, req.path().pathParameters().get("fingerprint"));
        Web.seeOther(res, "/admin/organisations/" + id + "?done=retired#keys");
    }

    private void show(ServerRequest req, ServerResponse res, Status status, OrganisationService.OrganisationView org,
                      Map<String, String> values, FormErrors errors, String key, String done) {
        web.render(req, res, status, "admin/organisation.jte", web.page(req), "view", org, "values", values,
                "errors", errors, "key", key, "done", done);
    }

    private OrganisationService.OrganisationView one(ServerRequest req) {
        try {
            return organisations.one(req.path().pathParameters().get("id"));
        } catch (ProblemException e) {
            throw new PageException(404);
        }
    }

    /** A whole number field; blank means "leave as it is" (null). */
    static Integer whole(Parameters form, String field, FormErrors errors, Page page) {
        String v = Web.field(form, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            errors.add(field, page.t("form.error.wholeNumber"));
            return null;
        }
    }

    /** The API's field problems as the page's errors, in the page's words ({@code prefix + field}). */
    static void fieldErrors(ProblemException e, FormErrors errors, Page page, String prefix) {
        if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
            throw e;
        }
        for (Problem.FieldProblem fp : e.problem().errors()) {
            if (!errors.has(fp.field())) {
                errors.add(fp.field(), page.has(prefix + fp.field()) ? page.t(prefix + fp.field())
                        : page.t("form.error.generic"));
            }
        }
    }
}
