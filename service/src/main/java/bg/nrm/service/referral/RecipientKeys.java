package bg.nrm.service.referral;

import bg.nrm.service.directory.OrganisationStore;

import java.time.Instant;
import java.util.List;

/** Which certificates a referral to an organisation is encrypted to: its active, unexpired one(s). */
public final class RecipientKeys {
    private final OrganisationStore directory;

    public RecipientKeys(OrganisationStore directory) {
        this.directory = directory;
    }

    public List<String> encryptionCertificates(String organisationId, Instant now) {
        return directory.keys(organisationId).stream()
                .filter(k -> "ACTIVE".equals(k.status()))
                .filter(k -> k.expiresAt() == null || k.expiresAt() > now.toEpochMilli())
                .map(OrganisationStore.StoredKey::certificate)
                .toList();
    }
}
