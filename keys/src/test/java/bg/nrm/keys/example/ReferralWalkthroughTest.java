package bg.nrm.keys.example;

import bg.nrm.keys.atrest.KeyEncryptionKeys;
import bg.nrm.keys.atrest.Sealer;
import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.keys.pgp.Certificates;
import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.Keyring;
import bg.nrm.keys.pgp.OpenedEnvelope;
import bg.nrm.keys.pgp.OrganisationKeys;
import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.keys.token.TokenClaims;
import bg.nrm.keys.token.TokenService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A screening becomes a referral: read top to bottom to see every verb of the keys module in the order the
 * service uses them.
 */
class ReferralWalkthroughTest {

    @Test
    void screeningToReferralToOpenedEnvelope(@TempDir Path dataDir) {
        // 1. Start-up: the keystore (KEKs + token key) and the service's signing key live in the data directory.
        KeyEncryptionKeys keks = KeyEncryptionKeys.openOrCreate(dataDir.resolve("keks.bcfks"), "from-config".toCharArray());
        byte[] tokenKey = keks.tokenKeyMaterial();
        TokenService tokens = TokenService.create(tokenKey, "nrm", Clock.systemUTC());
        ServiceSigningKey serviceKey = ServiceSigningKey.loadOrCreate(dataDir.resolve("keys"));
        Sealer sealer = Sealer.using(keks);

        // 2. A screener signs in: Argon2id check, then a short-lived bearer token.
        PasswordHasher hasher = PasswordHasher.argon2id();
        String stored = hasher.hash("демо-парола".toCharArray());
        assertThat(hasher.verify("демо-парола".toCharArray(), stored)).isTrue();
        String bearer = tokens.issue(TokenClaims.of("screener.plovdiv", "ksu-konstantin-elena-plovdiv", "SCREENER"),
                Duration.ofMinutes(15));
        assertThat(tokens.verify(bearer).organisationId()).isEqualTo("ksu-konstantin-elena-plovdiv");

        // 3. The screening is stored encrypted, bound to its record id, under its own data key.
        byte[] screening = "{\"id\":\"s-1\",\"answers\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] recordId = "screening/s-1".getBytes(StandardCharsets.UTF_8);
        WrappedDataKey dataKey = sealer.newDataKey();
        byte[] row = sealer.seal(dataKey, screening, recordId);
        assertThat(sealer.open(WrappedDataKey.fromBytes(dataKey.toBytes()), row, recordId)).isEqualTo(screening);

        // 4. The crisis centre generated its key pair and uploaded the public half; the service checks and files it.
        GeneratedKey centre = OrganisationKeys.generate("cc-children-plovdiv", "centre-pass".toCharArray());
        Certificates.requireUsableForEncryption(centre.armoredCertificate(), Instant.now());
        Keyring centreKeys = Keyring.empty("cc-children-plovdiv").with(centre.armoredCertificate());

        // 5. The referral envelope: signed by the service, encrypted to the centre's current key.
        String envelope = Envelopes.signAndEncrypt("{\"referral\":\"r-1\"}".getBytes(StandardCharsets.UTF_8), serviceKey,
                List.of(centreKeys.encryptionCertificate(Instant.now())));

        // 6. The centre opens it (or uses gpg, or `nrm-keys decrypt`) and checks it really came from the service.
        OpenedEnvelope opened = Envelopes.decryptAndVerify(envelope, centre.armoredSecretKey(), "centre-pass".toCharArray(),
                List.of(serviceKey.armoredCertificate()));
        assertThat(opened.signatureVerified()).isTrue();
        assertThat(opened.signedBy(serviceKey.fingerprint())).isTrue();
        assertThat(new String(opened.plaintext(), StandardCharsets.UTF_8)).isEqualTo("{\"referral\":\"r-1\"}");

        // 7. Erasure: delete the row's wrapped data key and the encrypted row is noise; no other key opens it.
        WrappedDataKey anyOtherKey = sealer.newDataKey();
        assertThatThrownBy(() -> sealer.open(anyOtherKey, row, recordId)).hasMessage("decryption failed");
    }
}
