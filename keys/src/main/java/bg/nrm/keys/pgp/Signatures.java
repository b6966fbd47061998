package bg.nrm.keys.pgp;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Checks detached OpenPGP signatures, such as the service's signed audit checkpoints. */
public final class Signatures {
    private Signatures() {
    }

    /**
     * Whether {@code armoredSignature} is a valid detached signature over {@code data} by a key of
     * {@code armoredCertificate}. False for anything unreadable or made by another key.
     */
    public static boolean verifyDetached(byte[] data, String armoredSignature, String armoredCertificate) {
        try {
            PGPPublicKeyRing cert = Pgp.readSingleCertificate(armoredCertificate);
            BcPGPObjectFactory factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(
                    new ByteArrayInputStream(armoredSignature.getBytes(StandardCharsets.US_ASCII))));
            if (!(factory.nextObject() instanceof PGPSignatureList list) || list.size() != 1) {
                return false;
            }
            PGPSignature sig = list.get(0);
            PGPPublicKey key = cert.getPublicKey(sig.getKeyID());
            if (key == null) {
                return false;
            }
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
            sig.update(data);
            return sig.verify();
        } catch (Exception e) {
            return false;
        }
    }
}
