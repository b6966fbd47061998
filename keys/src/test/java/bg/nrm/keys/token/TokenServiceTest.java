package bg.nrm.keys.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {
    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
    private static final String ISSUER = "nrm-test";
    private final byte[] key = TokenService.newKeyMaterial();
    private final TokenService tokens = TokenService.create(key, ISSUER, Clock.fixed(NOON, ZoneOffset.UTC));

    @Test
    void issuedTokenVerifiesAndCarriesTheClaims() {
        String token = tokens.issue(TokenClaims.of("screener.plovdiv", "ksu-konstantin-elena-plovdiv", "SCREENER"),
                Duration.ofMinutes(15));
        TokenClaims claims = tokens.verify(token);
        assertThat(claims.subject()).isEqualTo("screener.plovdiv");
        assertThat(claims.organisationId()).isEqualTo("ksu-konstantin-elena-plovdiv");
        assertThat(claims.role()).isEqualTo("SCREENER");
        assertThat(claims.issuedAt()).isEqualTo(NOON);
        assertThat(claims.expiresAt()).isEqualTo(NOON.plus(Duration.ofMinutes(15)));
        assertThat(claims.tokenId()).isNotBlank();
    }

    @Test
    void tokenWithoutOrganisationOrRoleVerifies() {
        TokenClaims claims = tokens.verify(tokens.issue(TokenClaims.of("admin", null, null), Duration.ofMinutes(5)));
        assertThat(claims.organisationId()).isNull();
        assertThat(claims.role()).isNull();
    }

    @Test
    void expiredTokenIsRejected() {
        String token = tokens.issue(TokenClaims.of("u", "org", "R"), Duration.ofMinutes(15));
        TokenService later = TokenService.create(key, ISSUER, Clock.fixed(NOON.plus(Duration.ofMinutes(15)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessage("token expired");
        TokenService justBefore = TokenService.create(key, ISSUER,
                Clock.fixed(NOON.plus(Duration.ofMinutes(15)).minusSeconds(1), ZoneOffset.UTC));
        assertThat(justBefore.verify(token).subject()).isEqualTo("u");
    }

    @Test
    void aTokenRememberedAfterItsFirstUseStillExpiresOnTime() {
        Instant[] now = {NOON};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        TokenService svc = TokenService.create(key, ISSUER, moving);
        String token = svc.issue(TokenClaims.of("u", "org", "R"), Duration.ofMinutes(15));
        TokenClaims first = svc.verify(token);
        now[0] = NOON.plus(Duration.ofMinutes(15)).minusSeconds(1);
        assertThat(svc.verify(token)).isEqualTo(first);
        now[0] = NOON.plus(Duration.ofMinutes(15));
        assertThatThrownBy(() -> svc.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessage("token expired");
        // A forged variant of a remembered token is checked in full, not matched loosely.
        String forged = token.substring(0, token.length() - 2) + (token.charAt(token.length() - 2) == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        now[0] = NOON;
        assertThat(svc.verify(token)).isEqualTo(first);
        assertThatThrownBy(() -> svc.verify(forged)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = tokens.issue(TokenClaims.of("screener.plovdiv", "org-a", "SCREENER"), Duration.ofMinutes(15));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("SCREENER", "ADMIN");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("verification failed").hasMessageNotContaining(forged);
    }

    @Test
    void tamperedSignatureIsRejected() {
        String token = tokens.issue(TokenClaims.of("u", "org", "R"), Duration.ofMinutes(15));
        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void tokenFromAnotherKeyIsRejected() {
        TokenService other = TokenService.create(TokenService.newKeyMaterial(), ISSUER, Clock.fixed(NOON, ZoneOffset.UTC));
        String token = other.issue(TokenClaims.of("u", "org", "R"), Duration.ofMinutes(15));
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("verification failed");
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        TokenService other = TokenService.create(key, "someone-else", Clock.fixed(NOON, ZoneOffset.UTC));
        String token = other.issue(TokenClaims.of("u", "org", "R"), Duration.ofMinutes(15));
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("wrong token issuer");
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("admin")
                .issueTime(Date.from(NOON)).expirationTime(Date.from(NOON.plusSeconds(600))).jwtID("x").build();
        String none = new PlainJWT(claims).serialize();
        assertThat(none).endsWith(".");
        assertThatThrownBy(() -> tokens.verify(none)).isInstanceOf(InvalidTokenException.class)
                .hasMessageNotContaining(none);
        // Same, with a signature part appended by hand.
        assertThatThrownBy(() -> tokens.verify(none + "c2ln")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void otherMacAlgorithmWithTheSameKeyIsRejected() throws Exception {
        byte[] longKey = new byte[64];
        System.arraycopy(key, 0, longKey, 0, 32);
        System.arraycopy(key, 0, longKey, 32, 32);
        TokenService svc = TokenService.create(longKey, ISSUER, Clock.fixed(NOON, ZoneOffset.UTC));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("admin")
                .issueTime(Date.from(NOON)).expirationTime(Date.from(NOON.plusSeconds(600))).jwtID("x").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims);
        jwt.sign(new MACSigner(longKey));
        assertThatThrownBy(() -> svc.verify(jwt.serialize())).isInstanceOf(InvalidTokenException.class)
                .hasMessage("unexpected token algorithm");
    }

    @Test
    void garbageIsRejectedWithoutEchoingIt() {
        for (String garbage : new String[] {"", "abc", "a.b.c", "секрет.секрет.секрет", "x".repeat(20_000)}) {
            assertThatThrownBy(() -> tokens.verify(garbage)).isInstanceOf(InvalidTokenException.class)
                    .hasMessage("malformed token");
        }
        assertThatThrownBy(() -> tokens.verify(null)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void lifetimeMustBeShortAndPositive() {
        TokenClaims c = TokenClaims.of("u", "o", "R");
        assertThatThrownBy(() -> tokens.issue(c, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(c, Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callerClearingItsKeyArrayChangesNothing() {
        byte[] mine = TokenService.newKeyMaterial();
        TokenService svc = TokenService.create(mine, ISSUER, Clock.fixed(NOON, ZoneOffset.UTC));
        String token = svc.issue(TokenClaims.of("u", "o", "R"), Duration.ofMinutes(1));
        Arrays.fill(mine, (byte) 0);
        TokenService zeroKey = TokenService.create(mine, ISSUER, Clock.fixed(NOON, ZoneOffset.UTC));
        assertThat(svc.verify(token).subject()).isEqualTo("u");
        assertThatThrownBy(() -> zeroKey.verify(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> TokenService.create(new byte[16], ISSUER, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
