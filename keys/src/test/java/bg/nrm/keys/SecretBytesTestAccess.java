package bg.nrm.keys;

import java.security.SecureRandom;

/** Random key bytes for tests. */
final class SecretBytesTestAccess {
    private SecretBytesTestAccess() {
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
