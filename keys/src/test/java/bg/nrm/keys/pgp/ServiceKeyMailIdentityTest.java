package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service key's e-mail identity (a user id equal to the From address) and its Web Key Directory name. */
class ServiceKeyMailIdentityTest {

    @Test
    void webKeyDirectoryHashMatchesTheDraftsExample() {
        // draft-koch-openpgp-webkey-service, section 3.1: "Joe.Doe@Example.ORG" is looked up under this name.
        assertThat(WebKeyDirectory.localPartHash("Joe.Doe")).isEqualTo("iy9q119eutrkn8s1mk4r39qejnbu3n5q");
    }

    @Test
    void emailUserIdIsAddedOnceKeptOnReloadAndSignaturesStillVerify(@TempDir Path keys) {
        ServiceSigningKey key = ServiceSigningKey.loadOrCreate(keys);
        ServiceSigningKey withMail = key.withEmailUserId("nrm@sacp.example.bg", keys);
        assertThat(withMail.fingerprint()).isEqualTo(key.fingerprint());
        assertThat(withMail.userIds()).contains("NRM Screening and Referral Service <nrm@sacp.example.bg>");
        assertThat(withMail.withEmailUserId("nrm@sacp.example.bg", keys)).isSameAs(withMail);

        ServiceSigningKey reloaded = ServiceSigningKey.loadOrCreate(keys);
        assertThat(reloaded.userIds()).contains("NRM Screening and Referral Service <nrm@sacp.example.bg>");
        GeneratedKey recipient = OrganisationKeys.generate("Recipient <r@example.bg>", null);
        String envelope = Envelopes.signAndEncrypt("x".getBytes(StandardCharsets.UTF_8), reloaded,
                List.of(recipient.armoredCertificate()));
        assertThat(Envelopes.decryptAndVerify(envelope, recipient.armoredSecretKey(), null,
                List.of(key.armoredCertificate())).signatureVerified()).isTrue();
        assertThat(reloaded.binaryCertificate()).isNotEmpty();
    }

    @Test
    void onlyAPlainAddressBecomesAUserId(@TempDir Path keys) {
        ServiceSigningKey key = ServiceSigningKey.loadOrCreate(keys);
        for (String bad : new String[] {"NRM <nrm@example.bg>", "nrm@example.bg\r\nBcc: x@y", "no-at-sign"}) {
            assertThatThrownBy(() -> key.withEmailUserId(bad, keys)).isInstanceOf(KeysException.class);
        }
    }
}
