package bg.nrm.service.web;

import bg.nrm.service.auth.WebSessions;
import bg.nrm.service.http.ProblemException;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What page handlers share: the compiled templates, the texts, the assets; building the {@link Page} of a request;
 * rendering (gzipped when the browser accepts it, never cached); reading forms; and error pages.
 */
public final class Web {
    private static final int GZIP_ABOVE = 1024;
    /** Where a user whose password must change is sent. */
    public static final String PASSWORD_PAGE = "/password";
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
            "bg.nrm.service.web.templates");
    private final Messages messages = new Messages();
    private final Assets assets;

    public Web(Assets assets) {
        this.assets = assets;
    }

    public Messages messages() {
        return messages;
    }

    /** The page context of this request: language from the cookie (Bulgarian by default), session, path. */
    public Page page(ServerRequest req) {
        Lang lang = req.headers().cookies().first(Lang.COOKIE).asOptional().flatMap(Lang::of).orElse(Lang.BG);
        WebSessions.Session s = req.context().get(WebSessions.Session.class).orElse(null);
        String query = req.query().rawValue();
        // The whole path as requested: req.path() is relative to the service the route is registered under
        // ("/new" for /screenings/new), which sent the language switch to a page that does not exist.
        String path = req.prologue().uriPath().path() + (query == null || query.isEmpty() ? "" : "?" + query);
        return new Page(lang, messages, s == null ? null : s.principal(), s == null ? "" : s.csrfToken(), path, assets);
    }

    /** Renders {@code template} (a path under {@code src/main/jte}) with {@code page} and the named values. */
    public void render(ServerRequest req, ServerResponse res, Status status, String template, Page page,
                       Object... namedValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", page);
        for (int i = 0; i < namedValues.length; i += 2) {
            params.put((String) namedValues[i], namedValues[i + 1]);
        }
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(template, params, out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(out.getContentLength());
        try {
            out.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] html = bytes.toByteArray();
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.VARY, "Accept-Encoding, Cookie");
        boolean gzip = req.headers().first(HeaderNames.ACCEPT_ENCODING).map(v -> v.contains("gzip")).orElse(false);
        if (gzip && html.length > GZIP_ABOVE) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(Assets.gzip(html));
        } else {
            res.send(html);
        }
    }

    public void render(ServerRequest req, ServerResponse res, String template, Page page, Object... namedValues) {
        render(req, res, Status.OK_200, template, page, namedValues);
    }

    /** Sends the browser to {@code location} after a post (303, so a reload does not post again). */
    public static void seeOther(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, location).send();
    }

    /** The submitted form (application/x-www-form-urlencoded); the server's payload cap bounds its size. */
    public static Parameters form(ServerRequest req) {
        // A post without a body is a form without fields (then refused for its missing token), not an error.
        if (!req.content().hasEntity()) {
            return Parameters.empty("form");
        }
        return req.content().as(Parameters.class);
    }

    /** A form field, or null when absent. */
    public static String field(Parameters form, String name) {
        return form.first(name).asOptional().orElse(null);
    }

    /**
     * Wraps a page handler, deny by default: without a browser session the browser is sent to sign-in (303), a
     * session that must change its password reaches only the password page, and a {@link PageException} or an API
     * {@link ProblemException} becomes an error page in the visitor's language, never problem+json or a stack trace.
     */
    public Handler guard(Handler handler) {
        return (req, res) -> {
            Optional<WebSessions.Session> session = req.context().get(WebSessions.Session.class);
            if (session.isEmpty()) {
                seeOther(res, "/");
                return;
            }
            String path = req.path().path();
            if (session.get().passwordChangeRequired() && !path.equals(PASSWORD_PAGE) && !path.equals("/sign-out")) {
                seeOther(res, PASSWORD_PAGE);
                return;
            }
            open(handler).handle(req, res);
        };
    }

    /** Wraps a handler that needs no session (sign-in, the language switch), with the same error pages. */
    public Handler open(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (PageException e) {
                error(req, res, e.status());
            } catch (ProblemException e) {
                error(req, res, e.problem().status());
            }
        };
    }

    /** An error page: what happened in plain words and a way back. */
    public void error(ServerRequest req, ServerResponse res, int status) {
        if (status == 401) {
            seeOther(res, "/");
            return;
        }
        int shown = switch (status) {
            case 403, 404, 409, 410, 413, 429 -> status;
            default -> status >= 500 ? 500 : 400;
        };
        render(req, res, Status.create(shown), "error.jte", page(req), "status", shown);
    }
}
