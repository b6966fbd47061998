package bg.nrm.service.directory;

import bg.nrm.keys.atrest.Sealer;
import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.keys.webhook.WebhookSecret;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Organisations' webhook secrets at rest: each sealed under its own data key (wrapped by the key-encryption key, so
 * KEK rotation re-wraps it like case content), bound to the organisation's id. Opened only to sign a delivery.
 */
public final class WebhookSecrets {
    private final OrganisationStore store;
    private final Sealer sealer;

    public WebhookSecrets(OrganisationStore store, Sealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    /** Seals {@code secret} for {@code organisationId}. */
    public OrganisationStore.SealedSecret seal(String organisationId, WebhookSecret secret) {
        WrappedDataKey key = sealer.newDataKey();
        byte[] sealed = sealer.seal(key, secret.unsafeText().getBytes(StandardCharsets.UTF_8), aad(organisationId));
        return new OrganisationStore.SealedSecret(sealed, key.toBytes());
    }

    /** The organisation's secret, if it has one. */
    public Optional<WebhookSecret> find(String organisationId) {
        return store.webhookSecret(organisationId).map(s -> WebhookSecret.parse(new String(
                sealer.open(WrappedDataKey.fromBytes(s.wrappedKey()), s.sealed(), aad(organisationId)),
                StandardCharsets.UTF_8)));
    }

    public boolean isSet(String organisationId) {
        return store.webhookSecret(organisationId).isPresent();
    }

    private static byte[] aad(String organisationId) {
        return ("webhook-secret:" + organisationId).getBytes(StandardCharsets.UTF_8);
    }
}
