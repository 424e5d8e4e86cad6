package app.margin.agreement;

import java.util.ArrayList;
import java.util.List;

/** Reliability data written the way the literature prints it: one line per coder, "." for a missing value. */
final class TestData {
    private TestData() {
    }

    /** Each row is "Name: v1 v2 ... vN"; all rows must have the same number of values. */
    static ReliabilityData byCoder(String... rows) {
        List<String> coders = new ArrayList<>();
        List<String[]> values = new ArrayList<>();
        for (String row : rows) {
            int colon = row.indexOf(':');
            coders.add(row.substring(0, colon).strip());
            values.add(row.substring(colon + 1).strip().split("\\s+"));
        }
        List<List<String>> units = new ArrayList<>();
        for (int u = 0; u < values.getFirst().length; u++) {
            List<String> unit = new ArrayList<>();
            for (String[] coder : values) {
                unit.add(coder[u].equals(".") ? null : coder[u]);
            }
            units.add(unit);
        }
        return new ReliabilityData(coders, units);
    }

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, values
     * 1–5 with missing values.
     */
    static ReliabilityData krippendorff2011() {
        return byCoder(
                "A: 1 2 3 3 2 1 4 1 2 . . .",
                "B: 1 2 3 3 2 2 4 1 2 5 . 3",
                "C: . 3 3 3 2 3 4 2 2 5 1 .",
                "D: 1 2 3 3 2 4 4 1 2 5 1 .");
    }
}
