package bg.nrm.service.referral;

import bg.nrm.keys.KeysException;
import bg.nrm.keys.atrest.Sealer;
import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.service.cases.ScreeningStore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Seals the free-text reasons given on a referral (a decline, a revocation) under its screening's data key, bound to
 * the referral id. Once the screening is crypto-shredded, its reasons can no longer be read either.
 */
public final class SealedReasons {
    private final ScreeningStore screenings;
    private final Sealer sealer;

    public SealedReasons(ScreeningStore screenings, Sealer sealer) {
        this.screenings = screenings;
        this.sealer = sealer;
    }

    /** The sealed text, or null when there is no text or the case has been shredded. */
    public byte[] seal(String screeningId, String referralId, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return dataKey(screeningId)
                .map(key -> sealer.seal(key, text.getBytes(StandardCharsets.UTF_8), aad(referralId)))
                .orElse(null);
    }

    /** The text, unless it was never given, or the case has been shredded. */
    public Optional<String> open(String screeningId, String referralId, byte[] sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return dataKey(screeningId)
                    .map(key -> new String(sealer.open(key, sealed, aad(referralId)), StandardCharsets.UTF_8));
        } catch (KeysException e) {
            return Optional.empty();
        }
    }

    private Optional<WrappedDataKey> dataKey(String screeningId) {
        return screenings.find(screeningId).map(ScreeningStore.Row::dataKey).map(WrappedDataKey::fromBytes);
    }

    private static byte[] aad(String referralId) {
        return ("referral-reason|" + referralId).getBytes(StandardCharsets.UTF_8);
    }
}
