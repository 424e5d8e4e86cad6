package app.margin.agreement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reliability data in Krippendorff's canonical form: one row per unit, one column per coder, each cell the category
 * label that coder gave that unit, or {@code null} when the coder did not code it (missing). Blank labels count as
 * missing, so that an empty spreadsheet cell and an absent value mean the same.
 *
 * @param coders the coders' names, at least two, distinct
 * @param units one list per unit, each with one (possibly null) label per coder
 */
public record ReliabilityData(List<String> coders, List<List<String>> units) {

    public ReliabilityData {
        Objects.requireNonNull(coders, "coders");
        Objects.requireNonNull(units, "units");
        if (coders.size() < 2) {
            throw new IllegalArgumentException("agreement needs at least 2 coders, but " + coders.size()
                    + (coders.size() == 1 ? " coder is" : " coders are") + " named");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < coders.size(); c++) {
            String name = coders.get(c);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("coder " + (c + 1) + " has no name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("coder '" + name + "' is named twice");
            }
        }
        coders = List.copyOf(coders);
        List<List<String>> rows = new ArrayList<>(units.size());
        for (int u = 0; u < units.size(); u++) {
            List<String> row = units.get(u);
            if (row == null || row.size() != coders.size()) {
                throw new IllegalArgumentException("unit " + (u + 1) + " has " + (row == null ? 0 : row.size())
                        + " values but there are " + coders.size() + " coders");
            }
            List<String> copy = new ArrayList<>(row.size());
            for (String label : row) {
                copy.add(label == null || label.isBlank() ? null : label);
            }
            rows.add(Collections.unmodifiableList(copy));
        }
        units = Collections.unmodifiableList(rows);
    }

    public int coderCount() {
        return coders.size();
    }

    public int unitCount() {
        return units.size();
    }

    /** The label coder {@code coder} gave unit {@code unit} (both 0-based), or null when missing. */
    public String value(int unit, int coder) {
        return units.get(unit).get(coder);
    }

    /** The non-missing labels of one unit, in coder order. */
    public List<String> valuesOf(int unit) {
        return units.get(unit).stream().filter(Objects::nonNull).toList();
    }

    /** Every distinct label in the data, in order of first appearance. */
    public Set<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        units.forEach(row -> row.stream().filter(Objects::nonNull).forEach(labels::add));
        return Collections.unmodifiableSet(labels);
    }
}
