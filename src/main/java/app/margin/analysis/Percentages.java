package app.margin.analysis;

/** Row and column percentages of a count table. */
final class Percentages {
    private Percentages() {
    }

    /** Fills rowPercent and columnPercent (same shape as counts); 0 where the row or column total is 0. */
    static void fill(long[][] counts, double[][] rowPercent, double[][] columnPercent) {
        int rows = counts.length;
        int columns = rows == 0 ? 0 : counts[0].length;
        long[] columnTotal = new long[columns];
        for (long[] row : counts) {
            for (int c = 0; c < columns; c++) {
                columnTotal[c] += row[c];
            }
        }
        for (int r = 0; r < rows; r++) {
            long rowTotal = 0;
            for (long cell : counts[r]) {
                rowTotal += cell;
            }
            for (int c = 0; c < columns; c++) {
                rowPercent[r][c] = Indexes.percent(counts[r][c], rowTotal);
                columnPercent[r][c] = Indexes.percent(counts[r][c], columnTotal[c]);
            }
        }
    }
}
