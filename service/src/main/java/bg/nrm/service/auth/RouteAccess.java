package bg.nrm.service.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call which route: the route × role table, in one place. {@code RouteAccessTest} reads the routes the
 * service really registers and fails the build when one has no row here; it then calls every row as every demo user
 * (and without a token) and checks the answer against the row. The checks themselves are in {@link AuthFilter}
 * (a token for everything but the public rows) and in each handler ({@link Access#require}, and
 * {@link Principal#actsFor} where the row's scope is an organisation).
 */
public final class RouteAccess {
    private static final Set<Role> ANY_SIGNED_IN = EnumSet.allOf(Role.class);

    private RouteAccess() {
    }

    /** How far a permitted caller reaches. */
    public enum Scope {
        /** No sign-in needed. */
        PUBLIC,
        /** Everything the route offers, to every permitted role. */
        ALL,
        /** Only resources of the caller's own organisation (others are "not found" or "not allowed"). */
        OWN_ORGANISATION,
        /** Only statistics of the regions the caller's commission covers. */
        COVERED_REGIONS
    }

    /** One row: method, path pattern as registered, the roles admitted, and their scope. */
    public record Row(String method, String path, Set<Role> roles, Scope scope) {
        public boolean admits(Role role) {
            return scope == Scope.PUBLIC || roles.contains(role);
        }
    }

    private static Row row(String method, String path, Scope scope, Role... roles) {
        return new Row(method, path, roles.length == 0 ? ANY_SIGNED_IN : Set.copyOf(List.of(roles)), scope);
    }

    /**
     * Whether a route ({@code "GET /inbox"}) is a web page rather than part of the API. Pages are held by the web
     * package's own deny-by-default guard ({@code Web.guard}) and answer a browser session, not a bearer token.
     */
    public static boolean isPage(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return !(path.startsWith("/api/") || path.equals("/api/docs") || path.startsWith("/observe/")
                || path.startsWith("/.well-known/") || path.startsWith("/auth/") || path.equals("/openapi"));
    }

    /** The table. */
    public static final List<Row> ROWS = List.of(
            row("POST", "/api/v1/auth/token", Scope.PUBLIC),
            // Browser sign-in through the OpenID provider (registered only when nrm.oidc.issuer is set).
            row("GET", "/auth/oidc/login", Scope.PUBLIC),
            row("GET", "/auth/oidc/callback", Scope.PUBLIC),
            row("POST", "/api/v1/auth/logout", Scope.ALL),
            row("POST", "/api/v1/auth/password", Scope.ALL),
            row("GET", "/api/v1/service-key", Scope.PUBLIC),
            // The service key by Web Key Directory, for mail clients.
            row("GET", "/.well-known/openpgpkey/policy", Scope.PUBLIC),
            row("GET", "/.well-known/openpgpkey/hu/{hash}", Scope.PUBLIC),
            // The API reference (Swagger UI and its files): public, like the OpenAPI document.
            row("GET", "/api/docs", Scope.PUBLIC),
            row("GET", "/api/docs/{file}", Scope.PUBLIC),
            row("GET", "/api/v1/questionnaires", Scope.ALL),
            row("GET", "/api/v1/questionnaires/{id}", Scope.ALL),
            row("POST", "/api/v1/screenings", Scope.OWN_ORGANISATION, Role.SCREENER),
            row("GET", "/api/v1/screenings/{id}", Scope.OWN_ORGANISATION, Role.SCREENER),
            row("GET", "/api/v1/inbox", Scope.OWN_ORGANISATION, Role.RECIPIENT),
            row("GET", "/api/v1/alerts", Scope.OWN_ORGANISATION, Role.RECIPIENT),
            row("GET", "/api/v1/referrals/{id}/envelope", Scope.OWN_ORGANISATION, Role.RECIPIENT),
            row("GET", "/api/v1/referrals/{id}/document.pdf", Scope.OWN_ORGANISATION, Role.RECIPIENT),
            row("POST", "/api/v1/referrals/{id}/outcome", Scope.OWN_ORGANISATION, Role.RECIPIENT),
            row("POST", "/api/v1/referrals/{id}/identification", Scope.OWN_ORGANISATION, Role.RECIPIENT),
            row("POST", "/api/v1/referrals/{id}/ack", Scope.OWN_ORGANISATION, Role.RECIPIENT),
            row("POST", "/api/v1/referrals/{id}/decision", Scope.OWN_ORGANISATION, Role.RECIPIENT),
            row("POST", "/api/v1/referrals/{id}/revoke", Scope.OWN_ORGANISATION, Role.SCREENER),
            row("GET", "/api/v1/stats", Scope.COVERED_REGIONS, Role.COMMISSION),
            row("GET", "/api/v1/stats/mechanism", Scope.COVERED_REGIONS, Role.COMMISSION),
            // Replay under ruleset 2.0.0: a screener's own organisation's screenings; a commission's anonymised table.
            row("GET", "/api/v1/replay", Scope.OWN_ORGANISATION, Role.SCREENER),
            row("GET", "/api/v1/replay/{id}/draft", Scope.OWN_ORGANISATION, Role.SCREENER),
            row("GET", "/api/v1/replay/transitions", Scope.COVERED_REGIONS, Role.COMMISSION),
            row("GET", "/api/v1/organisations", Scope.ALL, Role.ADMIN),
            row("POST", "/api/v1/organisations", Scope.ALL, Role.ADMIN),
            row("GET", "/api/v1/organisations/{id}", Scope.ALL, Role.ADMIN),
            row("PUT", "/api/v1/organisations/{id}", Scope.ALL, Role.ADMIN),
            row("PUT", "/api/v1/organisations/{id}/keys", Scope.ALL, Role.ADMIN),
            row("POST", "/api/v1/organisations/{id}/keys/confirm", Scope.OWN_ORGANISATION),
            row("POST", "/api/v1/organisations/{id}/keys/{fingerprint}/retire", Scope.ALL, Role.ADMIN),
            row("GET", "/api/v1/users", Scope.ALL, Role.ADMIN),
            row("POST", "/api/v1/users", Scope.ALL, Role.ADMIN),
            row("GET", "/api/v1/users/{username}", Scope.ALL, Role.ADMIN),
            row("PUT", "/api/v1/users/{username}", Scope.ALL, Role.ADMIN),
            row("DELETE", "/api/v1/users/{username}", Scope.ALL, Role.ADMIN),
            row("POST", "/api/v1/users/{username}/password", Scope.ALL, Role.ADMIN),
            row("POST", "/api/v1/admin/kek/rotate", Scope.ALL, Role.ADMIN),
            row("GET", "/api/v1/audit/verify", Scope.ALL, Role.AUDITOR),
            row("GET", "/api/v1/audit/checkpoint", Scope.ALL, Role.AUDITOR),
            row("GET", "/observe/health", Scope.PUBLIC),
            row("GET", "/observe/metrics", Scope.ALL, Role.ADMIN));
}
