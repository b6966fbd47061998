package bg.nrm.service.stats;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The narrowing property on generated tables: for every published table, no suppressed number can be narrowed to
 * fewer than {@code threshold} possible values from what is published, checked with an exact linear-programming
 * bound ({@link FeasibleRange}) that does not reuse the suppression code. Small values are generated often, so that
 * primary suppressions, single small cells in a row and small totals all occur.
 */
class StatsSuppressionPropertiesTest {

    @Property(tries = 1000)
    void noSuppressedCellOfAOneWayTableCanBeNarrowedBelowTheThreshold(
            @ForAll("oneWayTables") long[] counts, @ForAll @IntRange(min = 3, max = 7) int threshold) {
        Suppression.OneWay s = Suppression.oneWay(counts, threshold);

        for (FeasibleRange.Range range : FeasibleRange.oneWay(counts, s)) {
            assertThat(range.values()).as("possible values of a suppressed number").isGreaterThanOrEqualTo(threshold);
        }
    }

    @Property(tries = 400)
    void everySmallCellOfAOneWayTableIsSuppressedAndNoOtherTableIsHiddenWithoutCause(
            @ForAll("oneWayTables") long[] counts, @ForAll @IntRange(min = 3, max = 7) int threshold) {
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
    }

    @Property(tries = 1000)
    void noSuppressedNumberOfATwoWayTableWithMarginsCanBeNarrowedBelowTheThreshold(
            @ForAll("twoWayTables") long[][] counts, @ForAll @IntRange(min = 3, max = 6) int threshold) {
        Suppression.TwoWay s = Suppression.twoWay(counts, threshold);

        for (FeasibleRange.Range range : FeasibleRange.twoWay(counts, s)) {
            assertThat(range.values()).as("possible values of a suppressed number in %s",
                    Arrays.deepToString(counts)).isGreaterThanOrEqualTo(threshold);
        }
    }

    @Property(tries = 300)
    void everySmallCellAndMarginOfATwoWayTableIsSuppressedAndNoEmptyCellIsEverListed(
            @ForAll("twoWayTables") long[][] counts, @ForAll @IntRange(min = 3, max = 6) int threshold) {
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
    }

    @Property(tries = 200)
    void everyRowAndColumnWithASuppressedNumberHasAtLeastTwo(
            @ForAll("twoWayTables") long[][] counts, @ForAll @IntRange(min = 3, max = 6) int threshold) {
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
    }

    @Property(tries = 300)
    void aTwoWayTableHidesEveryMarginThatTheOneWayTableOfThatBreakdownHides(
            @ForAll("twoWayTables") long[][] counts, @ForAll @IntRange(min = 3, max = 6) int threshold) {
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
    }

    @Provide
    Arbitrary<long[]> oneWayTables() {
        return smallOrLarge().list().ofMinSize(1).ofMaxSize(10)
                .map(list -> list.stream().mapToLong(Long::longValue).filter(x -> x > 0).toArray())
                .filter(a -> a.length > 0);
    }

    @Provide
    Arbitrary<long[][]> twoWayTables() {
        Arbitrary<Integer> rows = Arbitraries.integers().between(1, 5);
        Arbitrary<Integer> cols = Arbitraries.integers().between(1, 5);
        return Combinators.combine(rows, cols).flatAs((r, c) ->
                smallOrLarge().array(Long[].class).ofSize(r * c).map(flat -> toMatrix(flat, r, c)))
                .filter(m -> m.length > 0 && m[0].length > 0);
    }

    /** Mostly small counts (0 included, as empty cells), sometimes large ones. */
    private static Arbitrary<Long> smallOrLarge() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(0, 6)),
                Tuple.of(3, Arbitraries.longs().between(5, 30)),
                Tuple.of(1, Arbitraries.longs().between(30, 400)));
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
