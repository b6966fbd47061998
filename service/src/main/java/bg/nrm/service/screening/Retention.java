package bg.nrm.service.screening;

import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.replay.ReplayOutcomes;
import bg.nrm.service.store.Database;

/**
 * Crypto-shredding at the end of the retention period: in one transaction, the referrals' envelopes and sealed
 * reasons are forgotten, and the replay pairs computed from the content, then the screenings' data keys and sealed
 * content. The assessment, the referral states and the statistics stay.
 */
public final class Retention {
    private final Database db;

    public Retention(Database db) {
        this.db = db;
    }

    /** Shreds every screening created before {@code beforeMillis}; returns how many. */
    public int shredOlderThan(long beforeMillis, long now) {
        return db.inTransaction(c -> {
            // Referrals first: they find their screenings by the data key that the second step removes.
            ReferralStore.shredCaseMaterial(c, beforeMillis);
            ReplayOutcomes.forgetOlderThan(c, beforeMillis);
            return ScreeningStore.shred(c, beforeMillis, now);
        });
    }
}
