package bg.nrm.keys.pgp;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An organisation's current key vouches for its next one; nobody else's signature counts. */
class KeyCertificationTest {
    private final GeneratedKey current = OrganisationKeys.generate("ОЗД Пловдив <ozd@plovdiv.example>", null);
    private final GeneratedKey next = OrganisationKeys.generate("ОЗД Пловдив <ozd@plovdiv.example>", null);
    private final GeneratedKey stranger = OrganisationKeys.generate("someone <x@example.org>", null);

    @Test
    void aKeyCertifiedByTheCurrentKeyIsRecognised() {
        String certified = Certificates.certify(next.armoredCertificate(), current.armoredSecretKey(), null);
        assertThat(Certificates.fingerprint(certified)).isEqualTo(Certificates.fingerprint(next.armoredCertificate()));
        assertThat(Certificates.certifiedBy(certified, current.armoredCertificate(), Instant.now())).isTrue();
    }

    @Test
    void anUncertifiedKeyOrOneCertifiedBySomeoneElseIsNot() {
        assertThat(Certificates.certifiedBy(next.armoredCertificate(), current.armoredCertificate(), Instant.now()))
                .isFalse();
        String byStranger = Certificates.certify(next.armoredCertificate(), stranger.armoredSecretKey(), null);
        assertThat(Certificates.certifiedBy(byStranger, current.armoredCertificate(), Instant.now())).isFalse();
        assertThat(Certificates.certifiedBy(current.armoredCertificate(), current.armoredCertificate(), Instant.now()))
                .as("a key does not vouch for itself").isFalse();
        assertThat(Certificates.certifiedBy("garbage", current.armoredCertificate(), Instant.now())).isFalse();
    }
}
