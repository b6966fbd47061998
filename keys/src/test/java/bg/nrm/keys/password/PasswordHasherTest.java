package bg.nrm.keys.password;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {
    private static final PasswordHasher HASHER = PasswordHasher.argon2id();

    @Test
    void hashIsAStandardArgon2idPhcString() {
        String phc = HASHER.hash("correct horse".toCharArray());
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void rightPasswordVerifies() {
        String phc = HASHER.hash("correct horse".toCharArray());
        assertThat(HASHER.verify("correct horse".toCharArray(), phc)).isTrue();
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        String phc = HASHER.hash("correct horse".toCharArray());
        assertThat(HASHER.verify("correct horsf".toCharArray(), phc)).isFalse();
        assertThat(HASHER.verify(new char[0], phc)).isFalse();
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertThat(HASHER.hash("pw".toCharArray())).isNotEqualTo(HASHER.hash("pw".toCharArray()));
    }

    @Test
    void cyrillicPasswordsRoundTrip() {
        String phc = HASHER.hash("парола-Пловдив".toCharArray());
        assertThat(HASHER.verify("парола-Пловдив".toCharArray(), phc)).isTrue();
        assertThat(HASHER.verify("парола-пловдив".toCharArray(), phc)).isFalse();
    }

    @Test
    void knownAnswerFromTheReferenceImplementationVerifies() {
        // argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(HASHER.verify("password".toCharArray(), reference)).isTrue();
        assertThat(HASHER.needsRehash(reference)).isTrue();
    }

    @Test
    void malformedStoredHashDoesNotVerify() {
        assertThat(HASHER.verify("pw".toCharArray(), "")).isFalse();
        assertThat(HASHER.verify("pw".toCharArray(), "plaintext-password")).isFalse();
        assertThat(HASHER.verify("pw".toCharArray(), "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(HASHER.verify("pw".toCharArray(), "$argon2id$v=19$m=9999999,t=2,p=1$c29tZXNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
    }

    @Test
    void unknownUserNeverVerifiesButSpendsTheSameWork() {
        char[] pw = "anything".toCharArray();
        String phc = HASHER.hash(pw);
        assertThat(HASHER.verify(pw, null)).isFalse();
        assertThat(HASHER.verify(pw, HASHER.dummyHash())).isFalse();
        // Interleave the two paths (so JIT and GC affect both alike) and compare medians. The bounds are loose so a
        // busy machine does not fail the test; a path that skipped the work would be a thousand times faster.
        int rounds = 9;
        long[] known = new long[rounds];
        long[] unknown = new long[rounds];
        for (int i = 0; i < 4; i++) {
            HASHER.verify(pw, phc);
            HASHER.verify(pw, null);
        }
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            HASHER.verify("wrong".toCharArray(), phc);
            long t1 = System.nanoTime();
            HASHER.verify("wrong".toCharArray(), null);
            long t2 = System.nanoTime();
            known[i] = t1 - t0;
            unknown[i] = t2 - t1;
        }
        Arrays.sort(known);
        Arrays.sort(unknown);
        assertThat((double) unknown[rounds / 2] / known[rounds / 2]).isBetween(0.33, 3.0);
    }

    @Test
    void theDummyHashHasTheCurrentParametersAndIsNotShared() {
        PasswordHasher other = PasswordHasher.argon2id();
        assertThat(HASHER.dummyHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(HASHER.needsRehash(HASHER.dummyHash())).isFalse();
        assertThat(other.dummyHash()).isNotEqualTo(HASHER.dummyHash());
        assertThat(other.verify("".toCharArray(), other.dummyHash())).isFalse();
    }

    @Test
    void overlongPasswordsAreRefused() {
        char[] huge = new char[PasswordHasher.MAX_PASSWORD_CHARS + 1];
        Arrays.fill(huge, 'x');
        assertThatThrownBy(() -> HASHER.hash(huge)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HASHER.verify(huge, HASHER.dummyHash())).isFalse();
    }

    @Test
    void currentHashNeedsNoRehash() {
        assertThat(HASHER.needsRehash(HASHER.hash("pw".toCharArray()))).isFalse();
        assertThat(HASHER.needsRehash(null)).isTrue();
    }
}
