package bg.nrm.service.web;

import bg.nrm.service.auth.AuthService;
import bg.nrm.service.auth.ClientAddress;
import bg.nrm.service.auth.OidcSignIn;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.SignIn;
import bg.nrm.service.auth.UserStore;
import bg.nrm.service.auth.WebSessions;
import bg.nrm.service.http.ProblemException;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;

/**
 * Sign-in at {@code /} (and each role's home once signed in), sign-out, and the language switch. A failed sign-in
 * says only that the name or password is wrong, for an unknown user as for a wrong password. When OpenID Connect is
 * configured, the sign-in page also offers the organisation's identity provider ({@code /auth/oidc/login}), and
 * {@link #continueAfterSignIn} is the page its callback answers with.
 */
public final class SignInPages implements HttpService {
    private final Web web;
    private final WebAuth auth;
    private final WebSessions sessions;
    private final SignIn signIn;
    private final AuthService accounts;
    private final ClientAddress clientAddress;
    private final boolean oidc;

    public SignInPages(Web web, WebAuth auth, WebSessions sessions, SignIn signIn, AuthService accounts,
                       ClientAddress clientAddress, boolean oidc) {
        this.web = web;
        this.auth = auth;
        this.sessions = sessions;
        this.signIn = signIn;
        this.accounts = accounts;
        this.clientAddress = clientAddress;
        this.oidc = oidc;
    }

    /**
     * The answer to the identity provider's callback once the session is open: a page (200) that leads to the
     * user's home by a meta refresh and a link "Продължете / Continue". Not a redirect: the browser would not send
     * the SameSite=Strict session cookie on a redirect chain that began at the provider's site, and the user would
     * land on the sign-in page; a navigation that starts from this page is same-site. No script (CSP).
     */
    public static OidcSignIn.AfterSignIn continueAfterSignIn(Web web) {
        return new OidcSignIn.AfterSignIn() {
            @Override
            public void answer(ServerRequest req, ServerResponse res, Principal user) {
                web.render(req, res, "signedin.jte", web.page(req), "home", home(user));
            }

            @Override
            public void refused(ServerRequest req, ServerResponse res, ProblemException problem) {
                int status = problem.problem().status() == 503 ? 503 : 401;
                web.render(req, res, Status.create(status), "error.jte", web.page(req), "status", status);
            }
        };
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", web.open(this::handleHome))
                .post("/sign-in", web.open(this::handleSignIn))
                .post("/sign-out", web.guard(this::handleSignOut))
                .get("/language/{lang}", web.open(this::handleLanguage))
                .get(Web.PASSWORD_PAGE, web.guard(this::handlePasswordForm))
                .post(Web.PASSWORD_PAGE, web.guard(this::handlePasswordChange));
    }

    private void handleHome(ServerRequest req, ServerResponse res) {
        Page page = web.page(req);
        if (page.user() == null) {
            web.render(req, res, "signin.jte", page, "username", "", "errors", FormErrors.none(), "oidc", oidc);
            return;
        }
        String home = home(page.user());
        if (home.equals("/")) {
            web.render(req, res, "home.jte", page);
        } else {
            Web.seeOther(res, home);
        }
    }

    private void handleSignIn(ServerRequest req, ServerResponse res) {
        Parameters form = Web.form(req);
        String username = Web.field(form, "username");
        String password = Web.field(form, "password");
        Page page = web.page(req);
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            FormErrors errors = FormErrors.none();
            if (username == null || username.isBlank()) {
                errors.add("username", page.t("signin.error.username"));
            }
            if (password == null || password.isEmpty()) {
                errors.add("password", page.t("signin.error.password"));
            }
            web.render(req, res, Status.BAD_REQUEST_400, "signin.jte", page, "username", username == null ? "" : username,
                    "errors", errors, "oidc", oidc);
            return;
        }
        SignIn.Result result = signIn.check(username.trim(), password, clientAddress.of(req));
        if (!(result instanceof SignIn.Accepted accepted)) {
            boolean tooMany = result instanceof SignIn.Throttled;
            web.render(req, res, tooMany ? Status.TOO_MANY_REQUESTS_429 : Status.UNAUTHORIZED_401, "signin.jte", page,
                    "username", username, "errors", FormErrors.none().add("username",
                            page.t(tooMany ? "signin.error.tooMany" : "signin.error.credentials")), "oidc", oidc);
            return;
        }
        UserStore.User user = accepted.user();
        // A new session id on every sign-in: an id planted before sign-in is worth nothing after it.
        auth.session(req).ifPresent(old -> sessions.end(old.id()));
        WebSessions.Session session = sessions.create(new Principal(user.username(), user.role(), user.organisationId(),
                null, null, user.passwordChangeRequired()));
        res.header(HeaderNames.SET_COOKIE, sessions.setCookie(session));
        Web.seeOther(res, session.passwordChangeRequired() ? Web.PASSWORD_PAGE : home(session.principal()));
    }

    private void handleSignOut(ServerRequest req, ServerResponse res) {
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        auth.session(req).ifPresent(s -> sessions.end(s.id()));
        res.header(HeaderNames.SET_COOKIE, sessions.clearCookie());
        Web.seeOther(res, "/");
    }

    private void handlePasswordForm(ServerRequest req, ServerResponse res) {
        web.render(req, res, "password.jte", web.page(req), "errors", FormErrors.none());
    }

    /** The user's own password change; forced after a one-time password. Every session then ends: sign in again. */
    private void handlePasswordChange(ServerRequest req, ServerResponse res) {
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        Page page = web.page(req);
        String current = Web.field(form, "currentPassword");
        String next = Web.field(form, "newPassword");
        FormErrors errors = FormErrors.none();
        if (current == null || current.isEmpty()) {
            errors.add("currentPassword", page.t("password.error.currentPassword"));
        }
        if (next == null || !next.equals(Web.field(form, "confirmPassword"))) {
            errors.add("confirmPassword", page.t("password.error.confirmPassword"));
        }
        if (errors.isEmpty()) {
            try {
                accounts.changePassword(page.user(), new AuthService.PasswordChange(current, next), clientAddress.of(req));
                res.header(HeaderNames.SET_COOKIE, sessions.clearCookie());
                web.render(req, res, "signin.jte", new Page(page.lang(), page.messages(), null, "", "/", page.assets()),
                        "username", page.user().username(), "errors", FormErrors.none(), "notice", page.t("password.changed"),
                        "oidc", oidc);
                return;
            } catch (ProblemException e) {
                if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
                    throw e;
                }
                e.problem().errors().forEach(fp -> errors.add(fp.field(), page.t("password.error." + fp.field())));
            }
        }
        web.render(req, res, Status.BAD_REQUEST_400, "password.jte", page, "errors", errors);
    }

    private void handleLanguage(ServerRequest req, ServerResponse res) {
        Lang lang = Lang.of(req.path().pathParameters().get("lang")).orElse(Lang.BG);
        res.headers().addCookie(SetCookie.builder(Lang.COOKIE, lang.code()).path("/").maxAge(Duration.ofDays(365))
                .httpOnly(true).sameSite(SetCookie.SameSite.LAX).secure(req.isSecure()).build());
        String back = req.query().first("back").asOptional().orElse("/");
        Web.seeOther(res, localPath(back));
    }

    /** Where each role starts. */
    static String home(Principal user) {
        return switch (user.role()) {
            case SCREENER -> "/screenings";
            case RECIPIENT -> "/inbox";
            case COMMISSION -> "/stats";
            case ADMIN -> "/admin/organisations";
            case AUDITOR -> "/audit";
        };
    }

    // Only a path on this site: "//host" or "/\host" would leave it (an open redirect).
    static String localPath(String back) {
        if (back.length() > 500 || !back.startsWith("/") || back.startsWith("//") || back.startsWith("/\\")
                || back.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return back;
    }
}
