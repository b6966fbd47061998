package bg.nrm.service.stats;

import java.util.Arrays;

/**
 * Primary and complementary cell suppression for frequency tables, pure and without I/O.
 *
 * <p><b>The guarantee.</b> Take the published numbers of one table (the cells shown, the margins and the total shown),
 * the fact that every listed cell is at least 1 (zero cells are not listed) and the table's additivity. For every
 * suppressed number, the integers it could still be, given all that, are at least {@code threshold} many. In
 * particular no suppressed number can be worked back exactly, and a cell below the threshold cannot be narrowed to
 * fewer possibilities than there are small values.
 *
 * <p><b>One-way tables</b> (cells and their total): the cells below the threshold are suppressed; while fewer than
 * two are suppressed, or the suppressed cells together leave fewer than {@code threshold} possibilities
 * ({@code R - k + 1 < threshold} for k suppressed cells summing to R, which is exactly the width of the feasible
 * range [1, R - k + 1] of each), the smallest published cell is suppressed too; if none is left, the total.
 *
 * <p><b>Two-way tables</b> (cells, row and column margins, total) are treated as one extended table in which the
 * margins are an extra row and column. Every suppressed number must be a corner of a rectangle of suppressed
 * numbers (the "hypercube" method): moving {@code +d} and {@code -d} around such a rectangle keeps every published
 * sum, so the corner can take every value the shift allows, and the rectangle is chosen so that this is at least
 * {@code threshold} values. Rectangles are chosen to suppress as few margins, then as few cells, then as little
 * mass as possible. The margins start hidden exactly as the one-way tables of the same breakdowns hide their cells
 * (those tables can be asked for too), so a rectangle adds margins only when no rectangle of cells will do. This is
 * a lower bound on the true feasible range (other suppressed cells only widen it), which
 * the property tests check against an exact linear-programming bound.
 *
 * <p>Tables linked by a common margin across separate queries, and differences between overlapping month ranges,
 * are outside this per-table guarantee; access is limited to commissions and every query is audited.
 */
public final class Suppression {
    private Suppression() {
    }

    /** Which cells of a one-way table, and whether its total, are suppressed. */
    public record OneWay(boolean[] cells, boolean total) {
    }

    /** Which cells, row margins, column margins and whether the total of a two-way table are suppressed. */
    public record TwoWay(boolean[][] cells, boolean[] rows, boolean[] columns, boolean total) {
    }

    /**
     * Protects a one-way table whose total is published.
     *
     * @param counts the listed cells, each at least 1
     */
    public static OneWay oneWay(long[] counts, int threshold) {
        requireThreshold(threshold);
        int n = counts.length;
        boolean[] suppressed = new boolean[n];
        long total = Arrays.stream(counts).sum();
        if (total > 0 && total < threshold) {
            Arrays.fill(suppressed, true);
            return new OneWay(suppressed, true);
        }
        long mass = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] < 1) {
                throw new IllegalArgumentException("listed cells are at least 1");
            }
            if (counts[i] < threshold) {
                suppressed[i] = true;
                mass += counts[i];
                k++;
            }
        }
        while (k > 0 && (k < 2 || mass - k + 1 < threshold)) {
            int next = smallestPublished(counts, suppressed);
            if (next < 0) {
                return new OneWay(suppressed, true);
            }
            suppressed[next] = true;
            mass += counts[next];
            k++;
        }
        return new OneWay(suppressed, false);
    }

    /**
     * Protects a two-way table whose row margins, column margins and total are published alongside its cells.
     *
     * @param counts rows by columns; 0 means an empty cell (not listed); every row and column has a non-zero cell
     */
    public static TwoWay twoWay(long[][] counts, int threshold) {
        requireThreshold(threshold);
        return new Extended(counts, threshold).protect();
    }

    private static int smallestPublished(long[] counts, boolean[] suppressed) {
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (!suppressed[i] && (best < 0 || counts[i] < counts[best])) {
                best = i;
            }
        }
        return best;
    }

    private static void requireThreshold(int threshold) {
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold must be at least 2");
        }
    }

    /** The table with its margins as row {@code r} and column {@code c}; the total sits at (r, c). */
    private static final class Extended {
        private final int r;
        private final int c;
        private final int threshold;
        private final long[][] v;
        private final boolean[][] suppressed;
        private final boolean[][] covered;

        Extended(long[][] counts, int threshold) {
            this.r = counts.length;
            this.c = r == 0 ? 0 : counts[0].length;
            this.threshold = threshold;
            this.v = new long[r + 1][c + 1];
            for (int i = 0; i < r; i++) {
                if (counts[i].length != c) {
                    throw new IllegalArgumentException("rows must have the same length");
                }
                for (int j = 0; j < c; j++) {
                    if (counts[i][j] < 0) {
                        throw new IllegalArgumentException("counts are not negative");
                    }
                    v[i][j] = counts[i][j];
                    v[i][c] += counts[i][j];
                    v[r][j] += counts[i][j];
                    v[r][c] += counts[i][j];
                }
            }
            this.suppressed = new boolean[r + 1][c + 1];
            this.covered = new boolean[r + 1][c + 1];
        }

        TwoWay protect() {
            boolean all = v[r][c] > 0 && v[r][c] < threshold;
            for (int i = 0; i <= r; i++) {
                for (int j = 0; j <= c; j++) {
                    suppressed[i][j] = v[i][j] > 0 && (all || v[i][j] < threshold);
                }
            }
            if (!all) {
                linkToOneWayTables();
                for (int i = 0; i <= r; i++) {
                    for (int j = 0; j <= c; j++) {
                        if (suppressed[i][j] && !covered[i][j]) {
                            cover(i, j);
                        }
                    }
                }
            }
            return result();
        }

        /**
         * Hides the margins exactly as the one-way tables of the same breakdowns hide their cells, since anyone can
         * ask for those too: a margin published there cannot be kept secret here, and a margin hidden there must not
         * be given away here.
         */
        private void linkToOneWayTables() {
            long[] rowMargins = new long[r];
            long[] colMargins = new long[c];
            for (int i = 0; i < r; i++) {
                rowMargins[i] = v[i][c];
            }
            for (int j = 0; j < c; j++) {
                colMargins[j] = v[r][j];
            }
            OneWay rows = oneWay(rowMargins, threshold);
            OneWay cols = oneWay(colMargins, threshold);
            for (int i = 0; i < r; i++) {
                suppressed[i][c] |= rows.cells()[i];
            }
            for (int j = 0; j < c; j++) {
                suppressed[r][j] |= cols.cells()[j];
            }
            suppressed[r][c] |= rows.total() || cols.total();
        }

        /** Chooses the cheapest wide-enough rectangle through (a, b) and suppresses its corners. */
        private void cover(int a, int b) {
            long[] best = null;
            int bestE = -1;
            int bestD = -1;
            for (int e = 0; e <= r; e++) {
                for (int d = 0; d <= c; d++) {
                    if (e == a || d == b || v[a][d] == 0 || v[e][b] == 0 || v[e][d] == 0) {
                        continue;
                    }
                    if (values(a, b, e, d) < threshold) {
                        continue;
                    }
                    long[] cost = cost(a, b, e, d);
                    if (best == null || Arrays.compare(cost, best) < 0) {
                        best = cost;
                        bestE = e;
                        bestD = d;
                    }
                }
            }
            if (best == null) {
                // Cannot happen while the total is at least the threshold (the margins-and-total rectangle is
                // unbounded), but never publish an unprotected table.
                throw new IllegalStateException("no protecting rectangle");
            }
            for (int[] p : corners(a, b, bestE, bestD)) {
                suppressed[p[0]][p[1]] = true;
                covered[p[0]][p[1]] = true;
            }
        }

        /** How many values corner (a, b) can take by shifting around the rectangle; MAX_VALUE when unbounded. */
        private long values(int a, int b, int e, int d) {
            boolean rowsOpposite = a < r && e < r;
            boolean colsOpposite = b < c && d < c;
            long down = v[a][b] - 1;
            long up = Long.MAX_VALUE;
            int[][] corners = corners(a, b, e, d);
            int[] signs = {1, colsOpposite ? -1 : 1, rowsOpposite ? -1 : 1,
                    (rowsOpposite ? -1 : 1) * (colsOpposite ? -1 : 1)};
            for (int k = 1; k < 4; k++) {
                long room = v[corners[k][0]][corners[k][1]] - 1;
                if (signs[k] > 0) {
                    down = Math.min(down, room);
                } else {
                    up = Math.min(up, room);
                }
            }
            return up == Long.MAX_VALUE ? Long.MAX_VALUE : up + down + 1;
        }

        /** New suppressions: of the total, of margins, of cells, and the mass they hide, in that order. */
        private long[] cost(int a, int b, int e, int d) {
            long[] cost = new long[4];
            for (int[] p : corners(a, b, e, d)) {
                int i = p[0];
                int j = p[1];
                if (suppressed[i][j]) {
                    continue;
                }
                if (i == r && j == c) {
                    cost[0]++;
                } else if (i == r || j == c) {
                    cost[1]++;
                } else {
                    cost[2]++;
                }
                cost[3] += v[i][j];
            }
            return cost;
        }

        private static int[][] corners(int a, int b, int e, int d) {
            return new int[][] {{a, b}, {a, d}, {e, b}, {e, d}};
        }

        private TwoWay result() {
            boolean[][] cells = new boolean[r][c];
            boolean[] rows = new boolean[r];
            boolean[] cols = new boolean[c];
            for (int i = 0; i < r; i++) {
                System.arraycopy(suppressed[i], 0, cells[i], 0, c);
                rows[i] = suppressed[i][c];
            }
            for (int j = 0; j < c; j++) {
                cols[j] = suppressed[r][j];
            }
            return new TwoWay(cells, rows, cols, suppressed[r][c]);
        }
    }
}
