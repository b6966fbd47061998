package bg.nrm.service.referral;

import bg.nrm.keys.atrest.Sealer;
import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.rules.Assessment;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Opens what a referral's document is made from: the screening's sealed case content, its assessment and the
 * referring organisation. Empty once the case is crypto-shredded: then nothing can be rebuilt or sent again.
 */
public final class ReferralSources {
    private final ScreeningStore screenings;
    private final OrganisationStore directory;
    private final Sealer sealer;

    public ReferralSources(ScreeningStore screenings, OrganisationStore directory, Sealer sealer) {
        this.screenings = screenings;
        this.directory = directory;
        this.sealer = sealer;
    }

    /** Whether the screening behind {@code r} found trafficking indicated (read from its stored assessment). */
    public boolean traffickingIndicated(Referral r) {
        return screenings.find(r.screeningId())
                .map(row -> Json.read(row.assessmentJson(), Assessment.class).has("TRAFFICKING_INDICATED"))
                .orElse(false);
    }

    /** The source of {@code r}'s document, unless its case has been shredded. */
    public Optional<ReferralFactory.Source> of(Referral r) {
        Optional<ScreeningStore.Row> found = screenings.find(r.screeningId());
        if (found.isEmpty() || found.get().dataKey() == null) {
            return Optional.empty();
        }
        ScreeningStore.Row row = found.get();
        byte[] plain = sealer.open(WrappedDataKey.fromBytes(row.dataKey()), row.content(),
                r.screeningId().getBytes(StandardCharsets.UTF_8));
        CaseContent content = Json.read(new String(plain, StandardCharsets.UTF_8), CaseContent.class);
        Assessment assessment = Json.read(row.assessmentJson(), Assessment.class);
        return Optional.of(new ReferralFactory.Source(r.screeningId(),
                directory.find(r.fromOrganisation()).orElseThrow(), assessment, content, row.questionnaireId(),
                row.questionnaireVersion(), row.createdBy(), null));
    }
}
