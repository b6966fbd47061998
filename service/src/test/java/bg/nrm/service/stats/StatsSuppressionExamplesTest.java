package bg.nrm.service.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Worked examples of suppression, and proof that the exact range check would catch a naive suppression. */
class StatsSuppressionExamplesTest {

    @Test
    void aSingleSmallCellTakesTheNextSmallestWithIt() {
        Suppression.OneWay s = Suppression.oneWay(new long[] {40, 2, 12, 9}, 5);

        assertThat(s.cells()).containsExactly(false, true, false, true);
        assertThat(s.total()).isFalse();
        assertThat(FeasibleRange.oneWay(new long[] {40, 2, 12, 9}, s))
                .allSatisfy(r -> assertThat(r.values()).isGreaterThanOrEqualTo(5));
    }

    @Test
    void twoSmallCellsThatTogetherLeaveTooFewPossibilitiesTakeAThird() {
        // 1 + 2 = 3: each could only be 1 or 2, so a third cell is hidden as well.
        Suppression.OneWay s = Suppression.oneWay(new long[] {1, 2, 30, 8}, 5);

        assertThat(s.cells()).containsExactly(true, true, false, true);
    }

    @Test
    void aTableThatIsAllSmallHidesItsTotalToo() {
        Suppression.OneWay s = Suppression.oneWay(new long[] {1, 2}, 5);

        assertThat(s.cells()).containsExactly(true, true);
        assertThat(s.total()).isTrue();
    }

    @Test
    void aTableWithoutSmallCellsIsPublishedWhole() {
        Suppression.OneWay s = Suppression.oneWay(new long[] {5, 6, 70}, 5);

        assertThat(s.cells()).containsOnly(false);
        assertThat(s.total()).isFalse();
    }

    @Test
    void theRangeCheckCatchesASuppressionThatCanBeWorkedBackFromTheTotal() {
        long[] counts = {40, 2, 12};
        Suppression.OneWay naive = new Suppression.OneWay(new boolean[] {false, true, false}, false);

        assertThat(FeasibleRange.oneWay(counts, naive)).singleElement()
                .satisfies(r -> assertThat(r.min()).isEqualTo(2.0))
                .satisfies(r -> assertThat(r.max()).isEqualTo(2.0));
    }

    @Test
    void theRangeCheckCatchesATwoWaySuppressionThatOnlyHidesTheRowPartner() {
        long[][] counts = {{2, 20}, {30, 40}};
        // Row 0 has two hidden cells, but column 0 has one: 2 = column margin 32 - 30.
        Suppression.TwoWay naive = new Suppression.TwoWay(new boolean[][] {{true, true}, {false, false}},
                new boolean[] {false, false}, new boolean[] {false, false}, false);

        assertThat(FeasibleRange.twoWay(counts, naive))
                .anySatisfy(r -> assertThat(r.values()).isEqualTo(1.0));
    }

    @Test
    void aSmallCellInATwoWayTableIsHiddenWithARectangleOfPartners() {
        long[][] counts = {{2, 20, 7}, {30, 40, 9}, {11, 13, 50}};

        Suppression.TwoWay s = Suppression.twoWay(counts, 5);

        assertThat(s.cells()[0][0]).isTrue();
        assertThat(s.total()).isFalse();
        assertThat(s.rows()).containsOnly(false);
        assertThat(s.columns()).containsOnly(false);
        assertThat(FeasibleRange.twoWay(counts, s))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.values()).isGreaterThanOrEqualTo(5));
    }

    @Test
    void aSmallRowMarginIsHiddenWithAnotherRowAndTheirCells() {
        long[][] counts = {{1, 2}, {30, 40}, {25, 17}};

        Suppression.TwoWay s = Suppression.twoWay(counts, 5);

        assertThat(s.rows()[0]).isTrue();
        assertThat(s.total()).isFalse();
        assertThat(FeasibleRange.twoWay(counts, s))
                .allSatisfy(r -> assertThat(r.values()).isGreaterThanOrEqualTo(5));
    }
}
