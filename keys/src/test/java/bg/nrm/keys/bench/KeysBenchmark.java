package bg.nrm.keys.bench;

import bg.nrm.keys.atrest.KeyEncryptionKeys;
import bg.nrm.keys.atrest.Sealer;
import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.OpenedEnvelope;
import bg.nrm.keys.pgp.OrganisationKeys;
import bg.nrm.keys.pgp.ServiceSigningKey;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CFBBlockCipher;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of the operations on the referral path, for a 4 KB referral, with the cryptographic primitives an
 * envelope cannot do without ({@link #primitivesAlone}) beside it: the floor the envelope engine is measured against.
 *
 * <p>Run (from the repository root):
 * <pre>
 * ./mvnw -B -q -pl keys test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * cd keys &amp;&amp; $JAVA_HOME/bin/java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *     org.openjdk.jmh.Main KeysBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeysBenchmark {
    private byte[] referral;
    private ServiceSigningKey service;
    private List<String> oneRecipient;
    private List<String> threeRecipients;
    private GeneratedKey first;
    private String envelopeToOne;
    private Path dir;
    private Sealer sealer;
    private WrappedDataKey dataKey;
    private byte[] sealed;
    private byte[] recordId;
    private Ed25519PrivateKeyParameters edKey;
    private X25519PublicKeyParameters x25519Peer;
    private byte[] aesKey;
    private final SecureRandom random = new SecureRandom();

    @Setup
    public void setUp() throws IOException {
        String json = "{\"referral\":\"ref-bench\",\"region\":\"BG-16\",\"note\":\"";
        StringBuilder sb = new StringBuilder(json);
        Random r = new Random(42);
        while (sb.length() < 4094) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        referral = (sb + "\"}").getBytes(StandardCharsets.UTF_8);
        service = ServiceSigningKey.ephemeral();
        first = OrganisationKeys.generate("cc-children-plovdiv", null);
        GeneratedKey second = OrganisationKeys.generate("ozd-plovdiv", null);
        GeneratedKey third = OrganisationKeys.generate("police-plovdiv", null);
        oneRecipient = List.of(first.armoredCertificate());
        threeRecipients = List.of(first.armoredCertificate(), second.armoredCertificate(), third.armoredCertificate());
        envelopeToOne = Envelopes.signAndEncrypt(referral, service, oneRecipient);

        edKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        x25519Peer = new X25519PrivateKeyParameters(new SecureRandom()).generatePublicKey();
        aesKey = new byte[32];
        new SecureRandom().nextBytes(aesKey);

        dir = Files.createTempDirectory("nrm-bench");
        KeyEncryptionKeys keks = KeyEncryptionKeys.openOrCreate(dir.resolve("keks.bcfks"), "bench".toCharArray());
        sealer = Sealer.using(keks);
        dataKey = sealer.newDataKey();
        recordId = "screening/bench".getBytes(StandardCharsets.UTF_8);
        sealed = sealer.seal(dataKey, referral, recordId);
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Sign with the service key and encrypt to one organisation (includes checking the certificate). */
    @Benchmark
    public String signAndEncryptToOneRecipient() {
        return Envelopes.signAndEncrypt(referral, service, oneRecipient);
    }

    /**
     * The primitives alone, as one envelope needs them: an Ed25519 signature over the SHA-512 of 4 KB, an ephemeral
     * X25519 key with its agreement, and AES-256 (CFB, as OpenPGP SEIPD v1) over 4 KB with its SHA-1 MDC.
     */
    @Benchmark
    public byte[] primitivesAlone() {
        SHA512Digest sha512 = new SHA512Digest();
        sha512.update(referral, 0, referral.length);
        byte[] digest = new byte[64];
        sha512.doFinal(digest, 0);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, edKey);
        signer.update(digest, 0, digest.length);
        byte[] signature = signer.generateSignature();

        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
        ephemeral.generatePublicKey();
        byte[] shared = new byte[32];
        ephemeral.generateSecret(x25519Peer, shared, 0);

        SHA1Digest mdc = new SHA1Digest();
        mdc.update(referral, 0, referral.length);
        byte[] mdcOut = new byte[20];
        mdc.doFinal(mdcOut, 0);
        BufferedBlockCipher aes = new BufferedBlockCipher(CFBBlockCipher.newInstance(AESEngine.newInstance(), 128));
        aes.init(true, new ParametersWithIV(new KeyParameter(aesKey), new byte[16]));
        byte[] cipher = new byte[referral.length + 96];
        int n = aes.processBytes(referral, 0, referral.length, cipher, 0);
        aes.processBytes(signature, 0, signature.length, cipher, n);
        cipher[0] ^= shared[0] ^ mdcOut[0];
        return cipher;
    }

    /** Sign and encrypt to three organisations. */
    @Benchmark
    public String signAndEncryptToThreeRecipients() {
        return Envelopes.signAndEncrypt(referral, service, threeRecipients);
    }

    /** Decrypt and verify one envelope, as a recipient does. */
    @Benchmark
    public OpenedEnvelope decryptAndVerify() {
        return Envelopes.decryptAndVerify(envelopeToOne, first.armoredSecretKey(), null, List.of(service.armoredCertificate()));
    }

    /** At-rest: seal 2 KB under an existing data key. */
    @Benchmark
    public byte[] sealAtRest() {
        return sealer.seal(dataKey, referral, recordId);
    }

    /** At-rest: open 2 KB. */
    @Benchmark
    public byte[] openAtRest() {
        return sealer.open(dataKey, sealed, recordId);
    }

    /** At-rest, per new record: a fresh wrapped data key plus seal. */
    @Benchmark
    public byte[] newDataKeyAndSeal() {
        return sealer.seal(sealer.newDataKey(), referral, recordId);
    }
}
