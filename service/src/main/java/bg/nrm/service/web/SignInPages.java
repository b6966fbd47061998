package bg.nrm.service.web;

import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.SignIn;
import bg.nrm.service.auth.WebSessions;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;

/**
 * Sign-in at {@code /} (and each role's home once signed in), sign-out, and the language switch. A failed sign-in
 * says only that the name or password is wrong, for an unknown user as for a wrong password.
 */
public final class SignInPages implements HttpService {
    private final Web web;
    private final WebAuth auth;
    private final WebSessions sessions;
    private final SignIn signIn;

    public SignInPages(Web web, WebAuth auth, WebSessions sessions, SignIn signIn) {
        this.web = web;
        this.auth = auth;
        this.sessions = sessions;
        this.signIn = signIn;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", web.open(this::handleHome))
                .post("/sign-in", web.open(this::handleSignIn))
                .post("/sign-out", web.guard(this::handleSignOut))
                .get("/language/{lang}", web.open(this::handleLanguage));
    }

    private void handleHome(ServerRequest req, ServerResponse res) {
        Page page = web.page(req);
        if (page.user() == null) {
            web.render(req, res, "signin.jte", page, "username", "", "errors", FormErrors.none());
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
                    "errors", errors);
            return;
        }
        SignIn.Result result = signIn.check(username.trim(), password.toCharArray(), req.remotePeer().host());
        if (result.outcome() != SignIn.Outcome.SIGNED_IN) {
            boolean tooMany = result.outcome() == SignIn.Outcome.TOO_MANY_ATTEMPTS;
            web.render(req, res, tooMany ? Status.TOO_MANY_REQUESTS_429 : Status.UNAUTHORIZED_401, "signin.jte", page,
                    "username", username, "errors", FormErrors.none().add("username",
                            page.t(tooMany ? "signin.error.tooMany" : "signin.error.credentials")));
            return;
        }
        // A new session id on every sign-in: an id planted before sign-in is worth nothing after it.
        auth.session(req).ifPresent(old -> sessions.end(old.id()));
        WebSessions.Session session = sessions.create(result.principal());
        res.headers().addCookie(WebAuth.cookie(req, session.id(), false));
        Web.seeOther(res, session.passwordChangeRequired() ? "/password" : home(result.principal()));
    }

    private void handleSignOut(ServerRequest req, ServerResponse res) {
        Parameters form = Web.form(req);
        WebAuth.checkCsrf(req, Web.field(form, "_csrf"));
        auth.session(req).ifPresent(s -> sessions.end(s.id()));
        res.headers().addCookie(WebAuth.cookie(req, "", true));
        Web.seeOther(res, "/");
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
