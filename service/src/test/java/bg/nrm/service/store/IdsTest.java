package bg.nrm.service.store;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {
    @Test
    void anIdIsAVersionSevenUuidCarryingItsTime() {
        long at = 1_796_000_000_123L;
        UUID id = UUID.fromString(Ids.newId(at));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnes() {
        String earlier = Ids.newId(1_796_000_000_123L);
        String later = Ids.newId(1_796_000_000_124L);
        assertThat(later).isGreaterThan(earlier);
        assertThat(Ids.newId(1_796_000_000_124L + 86_400_000L)).isGreaterThan(later);
    }

    @Test
    void manyIdsInTheSameMillisecondAreStillDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.newId(1_796_000_000_123L));
        }
        assertThat(ids).hasSize(100_000);
    }
}
