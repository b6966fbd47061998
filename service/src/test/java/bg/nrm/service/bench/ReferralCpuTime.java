package bg.nrm.service.bench;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.rules.Questionnaires;
import bg.nrm.service.TestService;
import bg.nrm.service.auth.UserStore;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.referral.RecipientKeys;
import bg.nrm.service.referral.Referral;
import bg.nrm.service.referral.ReferralFactory;
import bg.nrm.service.referral.ReferralSources;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.referral.ScreenerContacts;
import bg.nrm.service.referral.document.DocumentV2;
import bg.nrm.service.referral.document.MimeDocument;
import bg.nrm.service.referral.document.PlainText;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of the referral half of a HIGH child screening (the six documents and their envelopes), on one thread,
 * in-process: thread CPU time per stage over many rounds after a warm-up, so that other processes on the machine
 * change the figures less than wall-clock time would. Not part of the test suite; asserts nothing.
 *
 * <p>Usage: {@code ReferralCpuTime [rounds] [deflate]} (classpath as in {@code bench/load.sh}; {@code -Dpasses=N}, 4 by
 * default); with {@code deflate}, also
 * what raw deflate at several levels would make of the six documents and what it would cost (the envelopes do not
 * compress: docs/performance.md says why).
 */
public final class ReferralCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReferralCpuTime() {
    }

    private record Case(Referral referral, Organisation to, List<String> certs) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int passes = Integer.getInteger("passes", 4);
        Path dir = Files.createTempDirectory("nrm-referral-cpu");
        try (TestService service = TestService.sqlite(dir)) {
            var created = service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                    LoadBenchmark.HIGH_CHILD);
            String screeningId = created.json().get("id").asText();
            var db = service.app.database();
            OrganisationStore directory = new OrganisationStore(db);
            ReferralFactory factory = new ReferralFactory(service.app.signingKey(), Questionnaires.builtIn(),
                    new ScreenerContacts(new UserStore(db)));
            ReferralFactory.Source stored = new ReferralSources(new ScreeningStore(db), directory, service.app.sealer())
                    .of(new ReferralStore(db).forScreening(screeningId).get(0)).orElseThrow();
            ReferralFactory.Source source = new ReferralFactory.Source(stored.screeningId(), stored.from(),
                    stored.assessment(), stored.content(), stored.questionnaireId(), stored.questionnaireVersion(),
                    stored.screenedBy(), factory.contactOf(stored.screenedBy()));
            RecipientKeys keys = new RecipientKeys(directory);
            List<Case> cases = new ArrayList<>();
            for (Referral r : new ReferralStore(db).forScreening(screeningId)) {
                cases.add(new Case(r, directory.find(r.recipientId()).orElseThrow(),
                        keys.encryptionCertificates(r.recipientId(), Instant.now())));
            }
            System.out.printf(Locale.ROOT, "%d referrals; load average %.2f%n", cases.size(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            long plainBytes = 0;
            long armoredChars = 0;
            for (Case c : cases) {
                byte[] p = ReferralFactory.plaintext(factory.document(source, c.referral(), c.to()));
                plainBytes += p.length;
                armoredChars += Envelopes.signAndEncrypt(p, service.app.signingKey(), c.certs()).length();
            }
            System.out.printf(Locale.ROOT, "per screening: plaintext %d bytes, armored %d chars%n", plainBytes, armoredChars);
            List<byte[]> plains = new ArrayList<>();
            for (Case c : cases) {
                plains.add(ReferralFactory.plaintext(factory.document(source, c.referral(), c.to())));
            }
            // The raw deflate the envelope could carry: each level's size and CPU, a new Deflater per document
            // (strategy 0: default; 2: Huffman codes only, no matching).
            for (int[] ls : args.length > 1 && args[1].equals("deflate") ? new int[][] {{1, 0}, {6, 0}, {1, 0}, {6, 0}, {9, 0}, {1, 2}, {2, 0}, {3, 0}} : new int[0][]) {
                long size = 0;
                long t0 = THREADS.getCurrentThreadCpuTime();
                byte[] buf = new byte[65536];
                for (int i = 0; i < rounds; i++) {
                    for (byte[] p : plains) {
                        java.util.zip.Deflater d = new java.util.zip.Deflater(ls[0], true);
                        d.setStrategy(ls[1] == 2 ? java.util.zip.Deflater.HUFFMAN_ONLY : java.util.zip.Deflater.DEFAULT_STRATEGY);
                        d.setInput(p);
                        d.finish();
                        int n = 0;
                        while (!d.finished()) {
                            n += d.deflate(buf);
                        }
                        d.end();
                        size += n;
                    }
                }
                System.out.printf(Locale.ROOT, "deflate level %d strategy %d: %d bytes per screening, %.0f µs per screening%n",
                        ls[0], ls[1], size / rounds, (THREADS.getCurrentThreadCpuTime() - t0) / (double) rounds / 1e3);
            }
            // Each round makes the six documents both ways, one after the other (so the machine's load falls on both
            // alike): one by one (document, text, JSON, MIME entity timed apart) and together (ReferralFactory.Batch:
            // the shared parts rendered once); then the six envelopes of the documents made together.
            for (int pass = 0; pass < passes; pass++) {
                long[] t = new long[7];
                for (int i = 0; i < rounds; i++) {
                    for (Case c : cases) {
                        long t0 = THREADS.getCurrentThreadCpuTime();
                        DocumentV2 doc = factory.document(source, c.referral(), c.to());
                        long t1 = THREADS.getCurrentThreadCpuTime();
                        String text = PlainText.render(doc);
                        long t2 = THREADS.getCurrentThreadCpuTime();
                        byte[] json = Json.writePretty(doc);
                        long t3 = THREADS.getCurrentThreadCpuTime();
                        MimeDocument.compose(doc, text, json);
                        long t4 = THREADS.getCurrentThreadCpuTime();
                        t[0] += t1 - t0;
                        t[1] += t2 - t1;
                        t[2] += t3 - t2;
                        t[3] += t4 - t3;
                    }
                    long b0 = THREADS.getCurrentThreadCpuTime();
                    ReferralFactory.Batch batch = factory.batch(source);
                    List<byte[]> together = new ArrayList<>(cases.size());
                    for (Case c : cases) {
                        together.add(batch.plaintext(c.referral(), c.to()));
                    }
                    long b1 = THREADS.getCurrentThreadCpuTime();
                    t[4] += b1 - b0;
                    for (int k = 0; k < cases.size(); k++) {
                        String env = Envelopes.signAndEncrypt(together.get(k), service.app.signingKey(), cases.get(k).certs());
                        t[6] += env.length();
                    }
                    t[5] += THREADS.getCurrentThreadCpuTime() - b1;
                }
                double n = rounds;
                System.out.printf(Locale.ROOT, "pass %d, µs per screening (6 referrals): one by one: document %.0f, text %.0f,"
                                + " json %.0f, mime %.0f, in all %.0f; together %.0f; envelopes %.0f; load average %.2f%n", pass,
                        t[0] / n / 1e3, t[1] / n / 1e3, t[2] / n / 1e3, t[3] / n / 1e3,
                        (t[0] + t[1] + t[2] + t[3]) / n / 1e3, t[4] / n / 1e3, t[5] / n / 1e3,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.exit(0);
    }
}
