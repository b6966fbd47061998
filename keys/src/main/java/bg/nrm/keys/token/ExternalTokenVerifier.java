package bg.nrm.keys.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Verifies tokens signed by an external OpenID Connect provider: ID tokens and JWT access tokens (RFC 9068). Checks
 * the signature against the provider's published keys (JWKS, cached; an unknown key id makes it fetch the set again,
 * so the provider can rotate its keys), the algorithm (asymmetric only: RS, PS, ES), the issuer (exact), the audience
 * (one of ours), expiry and not-before (with the given clock skew) and that a subject is named. Thread-safe.
 */
public final class ExternalTokenVerifier {
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final DefaultJWTProcessor<SecurityContext> processor;

    private ExternalTokenVerifier(DefaultJWTProcessor<SecurityContext> processor) {
        this.processor = processor;
    }

    /** What a verified external token says. */
    public record ExternalClaims(String subject, Instant expiresAt, Map<String, Object> claims) {
        /** A string claim, or null. */
        public String string(String name) {
            Object v = claims.get(name);
            return v instanceof String s ? s : null;
        }
    }

    /**
     * A verifier for tokens of {@code issuer}, signed with the keys published at {@code jwksUri}, for one of
     * {@code audiences}.
     *
     * @param refetchInterval shortest time between two fetches of the key set (a token with an unknown key id
     *                        cannot make us hammer the provider)
     */
    public static ExternalTokenVerifier create(String issuer, URL jwksUri, Set<String> audiences, Duration clockSkew,
                                               Duration refetchInterval) {
        if (issuer == null || issuer.isBlank() || audiences == null || audiences.isEmpty()) {
            throw new IllegalArgumentException("issuer and audience are required");
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUri)
                .cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(15).toMillis())
                .rateLimited(Math.max(1, refetchInterval.toMillis()))
                .refreshAheadCache(false)
                .retrying(false)
                .build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.copyOf(audiences),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat"), null);
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
        p.setJWTClaimsSetVerifier(claims);
        return new ExternalTokenVerifier(p);
    }

    /**
     * Verifies {@code token} and returns its claims.
     *
     * @throws InvalidTokenException for any failure; the message never contains the token
     */
    public ExternalClaims verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("malformed token");
        }
        JWTClaimsSet set;
        try {
            set = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token");
        } catch (Exception e) {
            // Bad signature, unknown key, wrong issuer or audience, expired: one answer, no detail to a caller.
            throw new InvalidTokenException("verification failed");
        }
        return new ExternalClaims(set.getSubject(), set.getExpirationTime().toInstant(), set.getClaims());
    }
}
