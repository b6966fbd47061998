package bg.nrm.service.auth;

import bg.nrm.keys.token.ExternalTokenVerifier;
import bg.nrm.keys.token.InvalidTokenException;
import bg.nrm.service.Settings;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * OpenID Connect, the production sign-in. Two roles:
 * <ul>
 *   <li>Bearer tokens (ID tokens or JWT access tokens) of the configured issuer are accepted on the API
 *       ({@link Credentials.ExternalTokens}): signature against the provider's rotating keys, issuer, audience,
 *       expiry with clock skew, all in {@link ExternalTokenVerifier}.</li>
 *   <li>The web pages sign in through the authorization-code flow with PKCE: {@code GET /auth/oidc/login} sends the
 *       browser to the provider; {@code GET /auth/oidc/callback} checks state (also bound to this browser by a
 *       cookie) and nonce, exchanges the code, verifies the ID token, opens a {@link WebSessions} session and
 *       answers with {@link AfterSignIn}: the pages answer with a page of their own that leads to the user's home,
 *       because a browser does not send the SameSite=Strict session cookie on a redirect chain that began at the
 *       provider's site; the next request, started from our own page, is same-site.</li>
 * </ul>
 * Either way the token's claim ({@code nrm.oidc.claim}, default {@code sub}) must equal the {@code externalSubject}
 * of an enabled local account, which an administrator provisioned: organisation and role stay the service's own.
 */
public final class OidcSignIn implements HttpService, Credentials.ExternalTokens {
    private static final Logger LOG = Logger.getLogger(OidcSignIn.class.getName());
    private static final String FLOW_COOKIE = "nrm_oidc";
    private static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);
    private static final int HTTP_TIMEOUT_MS = 10_000;

    private final Settings.Oidc settings;
    private final Database db;
    private final UserStore users;
    private final Credentials credentials;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean secureCookies;
    private final AfterSignIn afterSignIn;
    private volatile Provider provider;

    /**
     * How the callback answers the browser once the session is open (its cookie is already set on {@code res}).
     * It must not rely on the session cookie coming back on a redirect: see the class comment.
     */
    @FunctionalInterface
    public interface AfterSignIn {
        void answer(ServerRequest req, ServerResponse res, Principal user);

        /**
         * How the callback answers the browser when the sign-in is refused ({@code status} 401) or the provider
         * does not answer (503): by default the problem document; the pages answer with an error page.
         */
        default void refused(ServerRequest req, ServerResponse res, ProblemException problem) {
            throw problem;
        }
    }

    public OidcSignIn(Settings.Oidc settings, Database db, Credentials credentials, AuditLog audit, Clock clock,
                      boolean secureCookies, AfterSignIn afterSignIn) {
        this.settings = settings;
        this.db = db;
        this.users = new UserStore(db);
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
        this.secureCookies = secureCookies;
        this.afterSignIn = afterSignIn;
    }

    /** The provider's endpoints (from its discovery document) and the verifier of its tokens. */
    private record Provider(OIDCProviderMetadata metadata, ExternalTokenVerifier verifier) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/login", this::handleLogin)
                .get("/callback", (req, res) -> {
                    try {
                        handleCallback(req, res);
                    } catch (ProblemException e) {
                        // A person came back from the provider in a browser: a page, not a problem document.
                        afterSignIn.refused(req, res, e);
                    }
                });
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        Optional<Provider> p = provider();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        ExternalTokenVerifier.ExternalClaims claims;
        try {
            claims = p.get().verifier().verify(token);
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
        String id = RandomTokens.hash(token);
        if (credentials.tokens().revoked(id)) {
            return Optional.empty();
        }
        return account(claims).map(u -> new Principal(u.username(), u.role(), u.organisationId(), claims.expiresAt(),
                "oidc:" + id, false));
    }

    @Override
    public boolean stillValid(Principal principal) {
        return users.find(principal.username()).map(UserStore.User::enabled).orElse(false);
    }

    private void handleLogin(ServerRequest req, ServerResponse res) {
        Provider p = provider().orElseThrow(OidcSignIn::unavailable);
        String state = RandomTokens.urlSafe();
        String nonce = RandomTokens.urlSafe();
        CodeVerifier verifier = new CodeVerifier();
        long now = clock.millis();
        db.read(c -> {
            Sql.update(c, "DELETE FROM oidc_logins WHERE expires_at <= ?", now);
            return Sql.update(c, "INSERT INTO oidc_logins (state_hash, nonce, code_verifier, expires_at) VALUES (?,?,?,?)",
                    RandomTokens.hash(state), nonce, verifier.getValue(), now + FLOW_LIFETIME.toMillis());
        });
        URI location = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(settings.clientId()), redirectUri(req))
                .endpointURI(p.metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        // Lax, not Strict: the browser comes back to the callback from the provider's site.
        res.header(HeaderNames.SET_COOKIE, FLOW_COOKIE + "=" + state + "; Path=/auth/oidc; Max-Age="
                + FLOW_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax" + (secureCookies ? "; Secure" : ""));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.LOCATION, location.toString());
        res.status(Status.FOUND_302).send();
    }

    private void handleCallback(ServerRequest req, ServerResponse res) {
        Provider p = provider().orElseThrow(OidcSignIn::unavailable);
        String state = req.query().first("state").orElse("");
        String code = req.query().first("code").orElse("");
        String browserState = req.headers().cookies().first(FLOW_COOKIE).orElse("");
        res.header(HeaderNames.SET_COOKIE, FLOW_COOKIE + "=; Path=/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secureCookies ? "; Secure" : ""));
        if (state.isEmpty() || code.isEmpty() || state.length() > 100 || code.length() > 2048
                || !state.equals(browserState)) {
            throw refused("state");
        }
        record Flow(String nonce, String codeVerifier, long expiresAt) {
        }
        String stateHash = RandomTokens.hash(state);
        // Single use: the row is deleted by whoever reads it first.
        Optional<Flow> flow = db.inTransaction(c -> {
            Optional<Flow> f = Sql.one(c, "SELECT nonce, code_verifier, expires_at FROM oidc_logins WHERE state_hash = ?",
                    rs -> new Flow(rs.getString(1), rs.getString(2), rs.getLong(3)), stateHash);
            int deleted = Sql.update(c, "DELETE FROM oidc_logins WHERE state_hash = ?", stateHash);
            return deleted == 1 ? f : Optional.<Flow>empty();
        });
        if (flow.isEmpty() || clock.millis() >= flow.get().expiresAt()) {
            throw refused("state");
        }
        String idToken = exchange(p, code, flow.get().codeVerifier(), redirectUri(req));
        ExternalTokenVerifier.ExternalClaims claims;
        try {
            claims = p.verifier().verify(idToken);
        } catch (InvalidTokenException e) {
            throw refused("id_token");
        }
        if (!flow.get().nonce().equals(claims.string("nonce"))) {
            throw refused("nonce");
        }
        UserStore.User user = account(claims).orElseThrow(() -> {
            audit.append("(unknown account)", "SIGN_IN_FAILED", null, "OpenID Connect: no enabled account for the subject");
            return refused("account");
        });
        WebSessions.Session session = credentials.sessions().create(new Principal(user.username(), user.role(),
                user.organisationId(), null, null, false));
        audit.append(user.username(), "SIGN_IN", null, "OpenID Connect");
        res.headers().add(HeaderNames.SET_COOKIE, credentials.sessions().setCookie(session));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        afterSignIn.answer(req, res, session.principal());
    }

    private String exchange(Provider p, String code, String codeVerifier, URI redirectUri) {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri,
                new CodeVerifier(codeVerifier));
        URI endpoint = p.metadata().getTokenEndpointURI();
        ClientID client = new ClientID(settings.clientId());
        TokenRequest request = settings.clientSecret()
                .map(s -> new TokenRequest(endpoint, new ClientSecretBasic(client, new Secret(s)), grant))
                .orElseGet(() -> new TokenRequest(endpoint, client, grant));
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(HTTP_TIMEOUT_MS);
            http.setReadTimeout(HTTP_TIMEOUT_MS);
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess() || !(response instanceof OIDCTokenResponse ok)
                    || ok.getOIDCTokens().getIDTokenString() == null) {
                throw refused("code");
            }
            return ok.getOIDCTokens().getIDTokenString();
        } catch (IOException | ParseException e) {
            LOG.log(Level.WARNING, "OpenID provider token request failed: " + e.getClass().getSimpleName());
            throw unavailable();
        }
    }

    private Optional<UserStore.User> account(ExternalTokenVerifier.ExternalClaims claims) {
        String value = claims.string(settings.claim());
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return users.findByExternalSubject(value).filter(UserStore.User::enabled);
    }

    private URI redirectUri(ServerRequest req) {
        if (settings.redirectUri().isPresent()) {
            return URI.create(settings.redirectUri().get());
        }
        // Without a configured address: the one this request reached (the provider accepts only registered ones).
        String host = req.headers().first(HeaderNames.HOST).orElse("127.0.0.1");
        return URI.create((secureCookies ? "https" : "http") + "://" + host + "/auth/oidc/callback");
    }

    /** Discovery, once it succeeds: the provider may start after the service. */
    private Optional<Provider> provider() {
        Provider p = provider;
        if (p != null) {
            return Optional.of(p);
        }
        synchronized (this) {
            if (provider == null) {
                try {
                    OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()),
                            HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS);
                    provider = new Provider(metadata, ExternalTokenVerifier.create(settings.issuer(),
                            metadata.getJWKSetURI().toURL(), Set.copyOf(java.util.List.of(settings.clientId(), settings.audience())),
                            settings.clockSkew(), settings.refetchInterval()));
                } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException | IllegalArgumentException e) {
                    LOG.log(Level.WARNING, "OpenID provider discovery failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    return Optional.empty();
                }
            }
            return Optional.of(provider);
        }
    }

    private static ProblemException refused(String what) {
        return new ProblemException(new Problem("https://nrm.example.bg/problems/oidc-refused",
                "Sign-in failed", 401, "Входът чрез доставчика на самоличност не бе приет / the identity provider "
                        + "sign-in was not accepted (" + what + ")", null));
    }

    private static ProblemException unavailable() {
        return new ProblemException(new Problem("https://nrm.example.bg/problems/oidc-unavailable",
                "Identity provider unavailable", 503, "Доставчикът на самоличност не отговаря; опитайте отново / "
                        + "the identity provider does not answer; try again", null));
    }

}
