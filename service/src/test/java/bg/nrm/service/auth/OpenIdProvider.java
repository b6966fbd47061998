package bg.nrm.service.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small, real OpenID provider for tests: the JDK's HTTP server on loopback, a discovery document, a JWKS with
 * RSA keys that {@link #rotateKeys()} replaces, an authorization endpoint that signs in {@link #subject} at once and
 * sends the browser back with a code, and a token endpoint that checks the PKCE verifier and the redirect address
 * before it answers with signed ID and access tokens. The issuer names {@code 127.0.0.1}, or another name of the
 * loopback such as {@code localhost}: to a browser that is another site than a service on {@code 127.0.0.1}.
 */
public final class OpenIdProvider implements AutoCloseable {
    final HttpServer server;
    public final String issuer;
    final String clientId;
    public volatile String subject = "sub-duty-officer";
    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

    public OpenIdProvider(String clientId) throws IOException {
        this(clientId, "127.0.0.1");
    }

    /** A provider listening on 127.0.0.1 whose issuer (and so every address it gives) names {@code host}. */
    public OpenIdProvider(String clientId, String host) throws IOException {
        this.clientId = clientId;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.issuer = "http://" + host + ":" + server.getAddress().getPort() + "/realm";
        rotateKeys();
        server.createContext("/realm/.well-known/openid-configuration", ex -> json(ex, 200, """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"]}
                """.formatted(issuer)));
        server.createContext("/realm/jwks", ex -> json(ex, 200, new JWKSet(List.copyOf(keys)).toPublicJWKSet()
                .toString()));
        server.createContext("/realm/authorize", this::authorize);
        server.createContext("/realm/token", this::token);
        server.start();
    }

    /** A new signing key replaces the old one, in the JWKS and for every token from now on. */
    void rotateKeys() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            keys.clear();
            keys.add(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of this provider, signed with its current key. */
    String token(String audience, String sub, Duration lifetime, Map<String, Object> extra) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(sub).audience(audience)
                .issueTime(Date.from(now.minusSeconds(1))).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        extra.forEach(claims::claim);
        return sign(claims.build(), issuer);
    }

    /** A token that claims this provider's issuer {@code iss} but is signed with its key: for the refusal tests. */
    String sign(JWTClaimsSet claims, String iss) {
        try {
            RSAKey key = keys.get(0);
            JWTClaimsSet withIssuer = new JWTClaimsSet.Builder(claims).issuer(iss).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), withIssuer);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (!clientId.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
                || !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null) {
            json(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, q);
        ex.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Map<String, String> auth = codes.remove(form.getOrDefault("code", ""));
        if (auth == null || !auth.get("redirect_uri").equals(form.get("redirect_uri"))
                || !challenge(form.getOrDefault("code_verifier", "")).equals(auth.get("code_challenge"))) {
            json(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String id = token(clientId, subject, Duration.ofMinutes(5), Map.of("nonce", auth.get("nonce")));
        String access = token(clientId, subject, Duration.ofMinutes(5), Map.of());
        json(ex, 200, "{\"access_token\":\"" + access + "\",\"id_token\":\"" + id
                + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
