package bg.nrm.keys.atrest;

import bg.nrm.keys.KeysException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealerTest {
    private static final byte[] CASE = "{\"screening\":\"s-17\",\"answers\":[\"да\",\"не\"]}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RECORD_17 = "screening/s-17".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RECORD_18 = "screening/s-18".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private KeyEncryptionKeys keks;
    private Sealer sealer;

    @BeforeEach
    void keystore() {
        keks = KeyEncryptionKeys.openOrCreate(dir.resolve("keks.bcfks"), "keystore-pass".toCharArray());
        sealer = Sealer.using(keks);
    }

    @Test
    void sealedRecordOpensWithItsKeyAndRecordId() {
        WrappedDataKey key = sealer.newDataKey();
        byte[] sealed = sealer.seal(key, CASE, RECORD_17);
        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(sealed).hasSize(1 + 12 + CASE.length + 16);
        assertThat(sealer.open(key, sealed, RECORD_17)).isEqualTo(CASE);
    }

    @Test
    void aNewRecordSealedInOneStepOpensLikeAnyOther() {
        Sealer.Sealed first = sealer.sealNew(CASE, RECORD_17);
        Sealer.Sealed second = sealer.sealNew(CASE, RECORD_17);
        assertThat(sealer.open(first.key(), first.ciphertext(), RECORD_17)).isEqualTo(CASE);
        // Each new record has its own data key: one record's key does not open another's.
        assertThat(first.key().toBytes()).isNotEqualTo(second.key().toBytes());
        assertThatThrownBy(() -> sealer.open(second.key(), first.ciphertext(), RECORD_17)).isInstanceOf(KeysException.class);
        assertThatThrownBy(() -> sealer.open(first.key(), first.ciphertext(), RECORD_18)).isInstanceOf(KeysException.class);
    }

    @Test
    void recordsSealedAndOpenedOnEightThreadsAtOnceEachOpenToTheirOwnPlaintext() throws Exception {
        // The sealer keeps cipher objects for reuse; none may be used by two threads at once, nor keep a key or
        // nonce from an earlier use. Failed opens (a wrong record id) are mixed in, so a cipher left in an error state
        // would show.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int opened = 0;
                    for (int i = 0; i < 300; i++) {
                        byte[] plaintext = ("record " + thread + "/" + i).repeat(1 + i % 7).getBytes(StandardCharsets.UTF_8);
                        byte[] id = ("screening/" + thread + "-" + i).getBytes(StandardCharsets.UTF_8);
                        Sealer.Sealed sealed = sealer.sealNew(plaintext, id);
                        if (i % 5 == 0) {
                            assertThatThrownBy(() -> sealer.open(sealed.key(), sealed.ciphertext(), RECORD_18))
                                    .isInstanceOf(KeysException.class);
                        }
                        WrappedDataKey again = WrappedDataKey.fromBytes(sealed.key().toBytes());
                        assertThat(sealer.open(again, sealed.ciphertext(), id)).isEqualTo(plaintext);
                        opened++;
                    }
                    return opened;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : done) {
                assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everySealUsesAFreshNonce() {
        WrappedDataKey key = sealer.newDataKey();
        byte[] a = sealer.seal(key, CASE, RECORD_17);
        byte[] b = sealer.seal(key, CASE, RECORD_17);
        assertThat(Arrays.copyOfRange(a, 1, 13)).isNotEqualTo(Arrays.copyOfRange(b, 1, 13));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void ciphertextMovedToAnotherRecordDoesNotOpen() {
        WrappedDataKey key = sealer.newDataKey();
        byte[] sealed = sealer.seal(key, CASE, RECORD_17);
        assertThatThrownBy(() -> sealer.open(key, sealed, RECORD_18))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
        assertThatThrownBy(() -> sealer.open(key, sealed, null))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
    }

    @Test
    void tamperedCiphertextDoesNotOpen() {
        WrappedDataKey key = sealer.newDataKey();
        byte[] sealed = sealer.seal(key, CASE, RECORD_17);
        for (int i = 0; i < sealed.length; i++) {
            byte[] t = sealed.clone();
            t[i] ^= 0x40;
            assertThatThrownBy(() -> sealer.open(key, t, RECORD_17)).as("byte %d", i).hasMessage("decryption failed");
        }
        assertThatThrownBy(() -> sealer.open(key, Arrays.copyOf(sealed, sealed.length - 1), RECORD_17))
                .hasMessage("decryption failed");
        assertThatThrownBy(() -> sealer.open(key, new byte[5], RECORD_17)).hasMessage("decryption failed");
    }

    @Test
    void withoutItsDataKeyARecordCannotBeOpened() {
        // Crypto-shredding: the record's wrapped key is deleted; no other data key opens the ciphertext.
        WrappedDataKey shredded = sealer.newDataKey();
        byte[] sealed = sealer.seal(shredded, CASE, RECORD_17);
        WrappedDataKey other = sealer.newDataKey();
        assertThatThrownBy(() -> sealer.open(other, sealed, RECORD_17)).hasMessage("decryption failed");
        assertThatThrownBy(() -> sealer.open(null, sealed, RECORD_17)).hasMessage("decryption failed");
    }

    @Test
    void wrappedKeyRoundTripsThroughBytesAndTamperingIsDetected() {
        WrappedDataKey key = sealer.newDataKey();
        byte[] sealed = sealer.seal(key, CASE, RECORD_17);
        byte[] stored = key.toBytes();
        WrappedDataKey back = WrappedDataKey.fromBytes(stored);
        assertThat(back).isEqualTo(key);
        assertThat(back.kekId()).isEqualTo(keks.primaryId());
        assertThat(sealer.open(back, sealed, RECORD_17)).isEqualTo(CASE);

        byte[] flipped = stored.clone();
        flipped[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> sealer.open(WrappedDataKey.fromBytes(flipped), sealed, RECORD_17))
                .hasMessage("decryption failed");
        assertThatThrownBy(() -> WrappedDataKey.fromBytes(new byte[] {9, 1, 2})).isInstanceOf(KeysException.class);
        assertThat(key.toString()).isEqualTo("WrappedDataKey[" + keks.primaryId() + "]");
    }

    @Test
    void rotationKeepsOldRecordsReadableAndRewrapMovesThemToTheNewKek() {
        WrappedDataKey oldKey = sealer.newDataKey();
        byte[] sealed = sealer.seal(oldKey, CASE, RECORD_17);
        String first = keks.primaryId();

        String second = keks.rotate();
        assertThat(second).isNotEqualTo(first);
        assertThat(keks.primaryId()).isEqualTo(second);
        assertThat(sealer.newDataKey().kekId()).isEqualTo(second);
        assertThat(sealer.open(oldKey, sealed, RECORD_17)).isEqualTo(CASE);

        WrappedDataKey rewrapped = sealer.rewrap(oldKey);
        assertThat(rewrapped.kekId()).isEqualTo(second);
        assertThat(sealer.open(rewrapped, sealed, RECORD_17)).isEqualTo(CASE);
        assertThat(sealer.rewrap(rewrapped)).isSameAs(rewrapped);

        // Once the old KEK is gone, only the re-wrapped key still opens the (untouched) ciphertext.
        keks.remove(first);
        assertThat(keks.ids()).containsExactly(second);
        assertThat(sealer.open(rewrapped, sealed, RECORD_17)).isEqualTo(CASE);
        assertThatThrownBy(() -> sealer.open(oldKey, sealed, RECORD_17)).hasMessage("decryption failed");
        assertThatThrownBy(() -> keks.remove(second)).isInstanceOf(KeysException.class).hasMessageContaining("primary");
    }

    @Test
    void keystoreSurvivesReopeningWithThePassword() {
        WrappedDataKey key = sealer.newDataKey();
        byte[] sealed = sealer.seal(key, CASE, RECORD_17);
        keks.rotate();
        byte[] token = keks.tokenKeyMaterial();
        assertThat(token).hasSize(32);
        assertThat(keks.tokenKeyMaterial()).isEqualTo(token);

        KeyEncryptionKeys reopened = KeyEncryptionKeys.openOrCreate(dir.resolve("keks.bcfks"), "keystore-pass".toCharArray());
        assertThat(reopened.ids()).isEqualTo(keks.ids());
        assertThat(reopened.tokenKeyMaterial()).isEqualTo(token);
        assertThat(Sealer.using(reopened).open(key, sealed, RECORD_17)).isEqualTo(CASE);
    }

    @Test
    void wrongKeystorePasswordIsRefused() {
        assertThatThrownBy(() -> KeyEncryptionKeys.openOrCreate(dir.resolve("keks.bcfks"), "wrong".toCharArray()))
                .isInstanceOf(KeysException.class).hasMessageContaining("wrong password");
    }

    @Test
    void keystoreFileIsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("keks.bcfks")))).isEqualTo("rw-------");
    }

    @Test
    void oversizedPlaintextIsRefused() {
        WrappedDataKey key = sealer.newDataKey();
        assertThatThrownBy(() -> sealer.seal(key, new byte[Sealer.MAX_PLAINTEXT_BYTES + 1], RECORD_17))
                .isInstanceOf(KeysException.class);
    }
}
