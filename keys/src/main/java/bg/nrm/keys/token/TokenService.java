package bg.nrm.keys.token;

import bg.nrm.keys.Digests;
import bg.nrm.keys.SecretBytes;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies short-lived bearer tokens: compact JWS, HS256 with a 256-bit key, fixed issuer,
 * expiry checked against the injected {@link Clock}. Only HS256 is accepted on the way in ({@code none},
 * other algorithms and unsigned tokens are rejected). Thread-safe.
 *
 * <p>A token that has verified once is remembered by its SHA-256 (never the token itself) until it expires, so the
 * same token on its next request costs a digest instead of a parse and a MAC: the key of an instance never changes,
 * so a signature that was good stays good, and expiry is checked again on every use.
 */
public final class TokenService {
    /** Longest token lifetime accepted by {@link #issue}. */
    public static final Duration MAX_TTL = Duration.ofHours(24);
    private static final int KEY_BYTES = 32;
    private static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final String CLAIM_ORG = "org";
    private static final String CLAIM_ROLE = "role";
    private static final int REMEMBERED_TOKENS = 10_000;

    private final SecretBytes key;
    private final String keyId;
    private final String issuer;
    private final Clock clock;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Map<String, TokenClaims> verified = new ConcurrentHashMap<>();

    private TokenService(SecretBytes key, String issuer, Clock clock) {
        this.key = key;
        this.keyId = key.fingerprint();
        this.issuer = issuer;
        this.clock = clock;
        byte[] raw = key.unsafeBytes();
        try {
            // SecretKeySpec copies the bytes; nimbus would otherwise keep (and we would then zero) our array.
            SecretKeySpec spec = new SecretKeySpec(raw, "HmacSHA256");
            this.signer = new MACSigner(spec);
            this.verifier = new MACVerifier(spec);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("token key rejected", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * A service signing and verifying with {@code keyMaterial} (copied; at least 32 bytes, for example
     * from {@link #newKeyMaterial()}).
     */
    public static TokenService create(byte[] keyMaterial, String issuer, Clock clock) {
        if (keyMaterial == null || keyMaterial.length < KEY_BYTES) {
            throw new IllegalArgumentException("token key must be at least " + KEY_BYTES + " bytes");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        return new TokenService(SecretBytes.copyOf(keyMaterial), issuer, clock);
    }

    /** 32 fresh random bytes for {@link #create}. */
    public static byte[] newKeyMaterial() {
        return SecretBytes.random(KEY_BYTES).unsafeBytes();
    }

    /**
     * Signs a token for {@code claims}; issued-at, expiry and token id are set here (the corresponding
     * input fields are ignored).
     *
     * @param ttl lifetime, positive and at most {@link #MAX_TTL}
     */
    public String issue(TokenClaims claims, Duration ttl) {
        if (claims == null || claims.subject() == null || claims.subject().isBlank()) {
            throw new IllegalArgumentException("token subject must not be blank");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("token lifetime must be positive and at most " + MAX_TTL);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(claims.subject())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        if (claims.organisationId() != null) {
            set.claim(CLAIM_ORG, claims.organisationId());
        }
        if (claims.role() != null) {
            set.claim(CLAIM_ROLE, claims.role());
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(keyId).build();
        SignedJWT jwt = new SignedJWT(header, set.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("token signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies signature, algorithm, issuer and validity period, and returns the claims.
     *
     * @throws InvalidTokenException for any failure; the message never contains the token
     */
    public TokenClaims verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("malformed token");
        }
        String digest = Digests.sha256Hex(token);
        TokenClaims known = verified.get(digest);
        if (known != null) {
            checkTimes(known.issuedAt(), null, known.expiresAt());
            return known;
        }
        TokenClaims claims = parseAndVerify(token);
        if (verified.size() >= REMEMBERED_TOKENS) {
            // Bounded: forgetting only costs the next request of each token one full verification.
            verified.clear();
        }
        verified.put(digest, claims);
        return claims;
    }

    private TokenClaims parseAndVerify(String token) {
        SignedJWT jwt;
        JWTClaimsSet set;
        try {
            // SignedJWT.parse refuses unsecured ("alg":"none") tokens: they have no signature part.
            jwt = SignedJWT.parse(token);
            set = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("unexpected token algorithm");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("verification failed");
            }
        } catch (JOSEException | IllegalStateException e) {
            throw new InvalidTokenException("verification failed");
        }
        if (!issuer.equals(set.getIssuer())) {
            throw new InvalidTokenException("wrong token issuer");
        }
        Date exp = set.getExpirationTime();
        Date iat = set.getIssueTime();
        String subject = set.getSubject();
        if (exp == null || iat == null || subject == null || subject.isBlank() || set.getJWTID() == null) {
            throw new InvalidTokenException("malformed token");
        }
        Date nbf = set.getNotBeforeTime();
        checkTimes(iat.toInstant(), nbf == null ? null : nbf.toInstant(), exp.toInstant());
        try {
            return new TokenClaims(subject, set.getStringClaim(CLAIM_ORG), set.getStringClaim(CLAIM_ROLE),
                    iat.toInstant(), exp.toInstant(), set.getJWTID());
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    private void checkTimes(Instant issuedAt, Instant notBefore, Instant expiresAt) {
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            throw new InvalidTokenException("token expired");
        }
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW)) || (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW)))) {
            throw new InvalidTokenException("token not yet valid");
        }
    }

    /** Short identifier of the signing key (also sent as the token's {@code kid}). */
    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "TokenService[issuer=" + issuer + ", key=" + key + "]";
    }
}
