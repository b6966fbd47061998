package bg.nrm.service.store;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers of new screenings and referrals: UUID version 7 (RFC 9562 §5.7), 48 bits of Unix time in
 * milliseconds, then 74 random bits.
 *
 * <p>Why not version 4: the primary-key index of a table keyed by random UUIDs takes each insert at a random place,
 * so every new row dirties its own index page and a group commit of a hundred screenings writes a hundred scattered
 * pages. Time-ordered ids land next to each other, on the index's last pages. The 74 random bits still make an id
 * impossible to guess; the time it carries is the row's creation time, which everyone allowed to see the id also
 * sees beside it. Anonymised statistics rows do not use these: their keys are random on purpose, so that their
 * order says nothing about which screening they came from.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A new time-ordered id, in the usual 36-character UUID form. */
    public static String newId() {
        return newId(System.currentTimeMillis());
    }

    static String newId(long unixMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (unixMillis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low).toString();
    }
}
