package bg.nrm.service.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an attacker can still say about each suppressed number of a published table: its smallest and largest
 * possible value given the published numbers, additivity and "every listed cell is at least 1". Computed exactly by
 * linear programming (two-phase simplex, Bland's rule); the constraint matrix of a table with margins is totally
 * unimodular, so the bounds of the relaxation are the integer bounds. Independent of {@link Suppression} on purpose.
 */
final class FeasibleRange {
    static final double EPS = 1e-9;

    private FeasibleRange() {
    }

    /** The range of a suppressed number; {@code max} is infinite when nothing bounds it. */
    record Range(double min, double max) {
        /** How many integers the number can be. */
        double values() {
            return max - min + 1;
        }
    }

    /**
     * Ranges for the unknowns of {@code sum_j a[i][j] x_j = b[i]}, {@code x_j >= lower[j]}.
     */
    static Range[] ranges(double[][] a, double[] b, double[] lower) {
        int n = lower.length;
        // Shift x = y + lower so that y >= 0.
        double[] shifted = b.clone();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < n; j++) {
                shifted[i] -= a[i][j] * lower[j];
            }
        }
        Range[] out = new Range[n];
        for (int k = 0; k < n; k++) {
            double[] c = new double[n];
            c[k] = 1;
            double max = maximize(a, shifted, c);
            c[k] = -1;
            double negMin = maximize(a, shifted, c);
            if (Double.isNaN(max) || Double.isNaN(negMin)) {
                throw new AssertionError("the published table is inconsistent");
            }
            out[k] = new Range(Math.round(-negMin) + lower[k],
                    Double.isInfinite(max) ? Double.POSITIVE_INFINITY : Math.round(max) + lower[k]);
        }
        return out;
    }

    /** max c.x subject to A x = b, x >= 0: +infinity when unbounded, NaN when infeasible. */
    static double maximize(double[][] a, double[] b, double[] c) {
        int m = a.length;
        int n = c.length;
        int cols = n + m + 1;
        int rhs = n + m;
        double[][] t = new double[m][cols];
        int[] basis = new int[m];
        for (int i = 0; i < m; i++) {
            double sign = b[i] < 0 ? -1 : 1;
            for (int j = 0; j < n; j++) {
                t[i][j] = sign * a[i][j];
            }
            t[i][n + i] = 1;
            t[i][rhs] = sign * b[i];
            basis[i] = n + i;
        }
        // Phase 1: minimise the sum of the artificial variables.
        double[] cost1 = new double[n + m];
        for (int i = 0; i < m; i++) {
            cost1[n + i] = 1;
        }
        double[] obj = objective(t, basis, cost1, cols);
        if (!run(t, basis, obj, n + m)) {
            throw new AssertionError("phase 1 cannot be unbounded");
        }
        if (-obj[rhs] > 1e-7) {
            return Double.NaN;
        }
        for (int i = 0; i < m; i++) {
            if (basis[i] >= n) {
                for (int j = 0; j < n; j++) {
                    if (Math.abs(t[i][j]) > EPS) {
                        pivot(t, basis, obj, i, j);
                        break;
                    }
                }
            }
        }
        // Phase 2: minimise -c.x over the original columns only.
        double[] cost2 = new double[n + m];
        for (int j = 0; j < n; j++) {
            cost2[j] = -c[j];
        }
        obj = objective(t, basis, cost2, cols);
        if (!run(t, basis, obj, n)) {
            return Double.POSITIVE_INFINITY;
        }
        return obj[rhs];
    }

    private static double[] objective(double[][] t, int[] basis, double[] cost, int cols) {
        double[] obj = new double[cols];
        System.arraycopy(cost, 0, obj, 0, cost.length);
        for (int i = 0; i < t.length; i++) {
            double cb = cost[basis[i]];
            if (cb != 0) {
                for (int j = 0; j < cols; j++) {
                    obj[j] -= cb * t[i][j];
                }
            }
        }
        return obj;
    }

    /** Minimises; false when unbounded. Only columns below {@code enterable} may enter. */
    private static boolean run(double[][] t, int[] basis, double[] obj, int enterable) {
        int rhs = obj.length - 1;
        while (true) {
            int enter = -1;
            for (int j = 0; j < enterable; j++) {
                if (obj[j] < -EPS) {
                    enter = j;
                    break;
                }
            }
            if (enter < 0) {
                return true;
            }
            int leave = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < t.length; i++) {
                if (t[i][enter] > EPS) {
                    double ratio = t[i][rhs] / t[i][enter];
                    if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i] < basis[leave])) {
                        best = ratio;
                        leave = i;
                    }
                }
            }
            if (leave < 0) {
                return false;
            }
            pivot(t, basis, obj, leave, enter);
        }
    }

    private static void pivot(double[][] t, int[] basis, double[] obj, int row, int col) {
        double p = t[row][col];
        for (int j = 0; j < t[row].length; j++) {
            t[row][j] /= p;
        }
        for (int i = 0; i < t.length; i++) {
            if (i != row && t[i][col] != 0) {
                double f = t[i][col];
                for (int j = 0; j < t[i].length; j++) {
                    t[i][j] -= f * t[row][j];
                }
            }
        }
        double f = obj[col];
        if (f != 0) {
            for (int j = 0; j < obj.length; j++) {
                obj[j] -= f * t[row][j];
            }
        }
        basis[row] = col;
    }

    /**
     * The ranges of every suppressed number of a two-way table with margins, in the order: cells row by row, row
     * margins, column margins, total. Only suppressed numbers are unknowns; the rest is what was published.
     */
    static List<Range> twoWay(long[][] counts, Suppression.TwoWay s) {
        int r = counts.length;
        int c = counts[0].length;
        long[][] v = new long[r + 1][c + 1];
        boolean[][] hidden = new boolean[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                v[i][j] = counts[i][j];
                v[i][c] += counts[i][j];
                v[r][j] += counts[i][j];
                v[r][c] += counts[i][j];
                hidden[i][j] = s.cells()[i][j];
            }
            hidden[i][c] = s.rows()[i];
        }
        for (int j = 0; j < c; j++) {
            hidden[r][j] = s.columns()[j];
        }
        hidden[r][c] = s.total();
        int[][] index = new int[r + 1][c + 1];
        int n = 0;
        for (int i = 0; i <= r; i++) {
            for (int j = 0; j <= c; j++) {
                index[i][j] = hidden[i][j] ? n++ : -1;
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> rhs = new ArrayList<>();
        // Each row (the margin row included) sums to its last entry; each column likewise.
        for (int i = 0; i <= r; i++) {
            double[] eq = new double[n];
            double b = 0;
            for (int j = 0; j <= c; j++) {
                double coef = j == c ? -1 : 1;
                if (hidden[i][j]) {
                    eq[index[i][j]] += coef;
                } else {
                    b -= coef * v[i][j];
                }
            }
            rows.add(eq);
            rhs.add(b);
        }
        for (int j = 0; j <= c; j++) {
            double[] eq = new double[n];
            double b = 0;
            for (int i = 0; i <= r; i++) {
                double coef = i == r ? -1 : 1;
                if (hidden[i][j]) {
                    eq[index[i][j]] += coef;
                } else {
                    b -= coef * v[i][j];
                }
            }
            rows.add(eq);
            rhs.add(b);
        }
        double[] lower = new double[n];
        Arrays.fill(lower, 1);
        double[] b = rhs.stream().mapToDouble(Double::doubleValue).toArray();
        return List.of(ranges(rows.toArray(new double[0][]), b, lower));
    }

    /** The ranges of the suppressed cells (then the total, if suppressed) of a one-way table. */
    static List<Range> oneWay(long[] counts, Suppression.OneWay s) {
        int n = 0;
        for (boolean h : s.cells()) {
            n += h ? 1 : 0;
        }
        int vars = n + (s.total() ? 1 : 0);
        double[] eq = new double[vars];
        double b = 0;
        int k = 0;
        for (int i = 0; i < counts.length; i++) {
            if (s.cells()[i]) {
                eq[k++] = 1;
            } else {
                b -= counts[i];
            }
        }
        if (s.total()) {
            eq[k] = -1;
        } else {
            for (long x : counts) {
                b += x;
            }
        }
        double[] lower = new double[vars];
        Arrays.fill(lower, 1);
        return List.of(ranges(new double[][] {eq}, new double[] {b}, lower));
    }
}
