package bg.nrm.service.stats;

import bg.nrm.testing.Gen;
import bg.nrm.testing.Gen.Weighted;
import bg.nrm.testing.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The narrowing property on generated tables: for every published table, no suppressed number can be narrowed to
 * fewer than {@code threshold} possible values from what is published, checked with an exact linear-programming
 * bound ({@link FeasibleRange}) that does not reuse the suppression code. Small values are generated often, so that
 * primary suppressions, single small cells in a row and small totals all occur. Cases are drawn from a fresh seed
 * on every run; a failure names the seed that replays it.
 */
class StatsSuppressionPropertiesTest {

    @Test
    void noSuppressedCellOfAOneWayTableCanBeNarrowedBelowTheThreshold() {
        Property.forAll(1000, g -> {
            long[] counts = oneWayTables(g);
            int threshold = g.between(3, 7);
            Suppression.OneWay s = Suppression.oneWay(counts, threshold);

            for (FeasibleRange.Range range : FeasibleRange.oneWay(counts, s)) {
                assertThat(range.values()).as("possible values of a suppressed number").isGreaterThanOrEqualTo(threshold);
            }
        });
    }

    @Test
    void everySmallCellOfAOneWayTableIsSuppressedAndNoOtherTableIsHiddenWithoutCause() {
        Property.forAll(400, g -> {
            long[] counts = oneWayTables(g);
            int threshold = g.between(3, 7);
            Suppression.OneWay s = Suppression.oneWay(counts, threshold);

            long total = Arrays.stream(counts).sum();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] < threshold) {
                    assertThat(s.cells()[i]).isTrue();
                }
            }
            if (Arrays.stream(counts).allMatch(x -> x >= threshold)) {
                assertThat(s.total()).isFalse();
                assertThat(s.cells()).containsOnly(false);
            }
            if (total < threshold && total > 0) {
                assertThat(s.total()).isTrue();
            }
        });
    }

    @Test
    void noSuppressedNumberOfATwoWayTableWithMarginsCanBeNarrowedBelowTheThreshold() {
        Property.forAll(1000, g -> {
            long[][] counts = twoWayTables(g);
            int threshold = g.between(3, 6);
            Suppression.TwoWay s = Suppression.twoWay(counts, threshold);

            for (FeasibleRange.Range range : FeasibleRange.twoWay(counts, s)) {
                assertThat(range.values()).as("possible values of a suppressed number in %s",
                        Arrays.deepToString(counts)).isGreaterThanOrEqualTo(threshold);
            }
        });
    }

    @Test
    void everySmallCellAndMarginOfATwoWayTableIsSuppressedAndNoEmptyCellIsEverListed() {
        Property.forAll(300, g -> {
            long[][] counts = twoWayTables(g);
            int threshold = g.between(3, 6);
            Suppression.TwoWay s = Suppression.twoWay(counts, threshold);

            long total = 0;
            for (int i = 0; i < counts.length; i++) {
                long row = 0;
                for (int j = 0; j < counts[i].length; j++) {
                    row += counts[i][j];
                    if (counts[i][j] == 0) {
                        assertThat(s.cells()[i][j]).as("an empty cell is not listed, so never marked").isFalse();
                    } else if (counts[i][j] < threshold) {
                        assertThat(s.cells()[i][j]).isTrue();
                    }
                }
                if (row < threshold) {
                    assertThat(s.rows()[i]).isTrue();
                }
                total += row;
            }
            for (int j = 0; j < counts[0].length; j++) {
                long col = 0;
                for (long[] row : counts) {
                    col += row[j];
                }
                if (col < threshold) {
                    assertThat(s.columns()[j]).isTrue();
                }
            }
            if (total < threshold) {
                assertThat(s.total()).isTrue();
            }
        });
    }

    @Test
    void everyRowAndColumnWithASuppressedNumberHasAtLeastTwo() {
        Property.forAll(200, g -> {
            long[][] counts = twoWayTables(g);
            int threshold = g.between(3, 6);
            Suppression.TwoWay s = Suppression.twoWay(counts, threshold);
            int r = counts.length;
            int c = counts[0].length;

            for (int i = 0; i < r; i++) {
                int hidden = s.rows()[i] ? 1 : 0;
                for (int j = 0; j < c; j++) {
                    hidden += s.cells()[i][j] ? 1 : 0;
                }
                assertThat(hidden).as("row %d", i).isNotEqualTo(1);
            }
            for (int j = 0; j < c; j++) {
                int hidden = s.columns()[j] ? 1 : 0;
                for (int i = 0; i < r; i++) {
                    hidden += s.cells()[i][j] ? 1 : 0;
                }
                assertThat(hidden).as("column %d", j).isNotEqualTo(1);
            }
            int marginRow = s.total() ? 1 : 0;
            int marginColumn = s.total() ? 1 : 0;
            for (boolean h : s.columns()) {
                marginRow += h ? 1 : 0;
            }
            for (boolean h : s.rows()) {
                marginColumn += h ? 1 : 0;
            }
            assertThat(marginRow).as("the column margins with the total").isNotEqualTo(1);
            assertThat(marginColumn).as("the row margins with the total").isNotEqualTo(1);
        });
    }

    @Test
    void aTwoWayTableHidesEveryMarginThatTheOneWayTableOfThatBreakdownHides() {
        Property.forAll(300, g -> {
            long[][] counts = twoWayTables(g);
            int threshold = g.between(3, 6);
            Suppression.TwoWay s = Suppression.twoWay(counts, threshold);
            long[] rows = Arrays.stream(counts).mapToLong(row -> Arrays.stream(row).sum()).toArray();
            long[] cols = new long[counts[0].length];
            for (long[] row : counts) {
                for (int j = 0; j < row.length; j++) {
                    cols[j] += row[j];
                }
            }

            Suppression.OneWay byRow = Suppression.oneWay(rows, threshold);
            Suppression.OneWay byColumn = Suppression.oneWay(cols, threshold);
            for (int i = 0; i < rows.length; i++) {
                assertThat(!byRow.cells()[i] || s.rows()[i]).as("row margin %d", i).isTrue();
            }
            for (int j = 0; j < cols.length; j++) {
                assertThat(!byColumn.cells()[j] || s.columns()[j]).as("column margin %d", j).isTrue();
            }
            assertThat(!(byRow.total() || byColumn.total()) || s.total()).isTrue();
        });
    }

    /** One to ten non-empty counts. */
    static long[] oneWayTables(Gen g) {
        long[] counts;
        do {
            counts = g.list(g.between(1, 10), () -> smallOrLarge(g)).stream().mapToLong(Long::longValue)
                    .filter(x -> x > 0).toArray();
        } while (counts.length == 0);
        return counts;
    }

    /** Up to five by five counts, without empty rows or columns. */
    static long[][] twoWayTables(Gen g) {
        long[][] m;
        do {
            int r = g.between(1, 5);
            int c = g.between(1, 5);
            m = toMatrix(g.list(r * c, () -> smallOrLarge(g)).toArray(new Long[0]), r, c);
        } while (m.length == 0 || m[0].length == 0);
        return m;
    }

    /** Mostly small counts (0 included, as empty cells), sometimes large ones. */
    private static long smallOrLarge(Gen g) {
        return g.frequency(
                Weighted.of(5, () -> g.between(0L, 6L)),
                Weighted.of(3, () -> g.between(5L, 30L)),
                Weighted.of(1, () -> g.between(30L, 400L)));
    }

    /** Drops empty rows and columns: a category with no screening does not appear in a table at all. */
    private static long[][] toMatrix(Long[] flat, int r, int c) {
        long[][] m = new long[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = flat[i * c + j];
            }
        }
        List<Integer> keepCols = new ArrayList<>();
        for (int j = 0; j < c; j++) {
            long sum = 0;
            for (long[] row : m) {
                sum += row[j];
            }
            if (sum > 0) {
                keepCols.add(j);
            }
        }
        List<long[]> rows = new ArrayList<>();
        for (long[] row : m) {
            long[] kept = keepCols.stream().mapToLong(j -> row[j]).toArray();
            if (Arrays.stream(kept).sum() > 0) {
                rows.add(kept);
            }
        }
        return rows.toArray(new long[0][]);
    }
}
