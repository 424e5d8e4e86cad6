package app.margin.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Code × case-attribute-value matrix: rows are codes (in the given order), columns the attribute's values.
 *
 * <p>{@code segments[i][v]}: number of segments of code i in documents whose value is v. {@code documents[i][v]}:
 * number of documents with value v holding at least one segment of code i. {@code rowPercent[i][v]} = 100 ·
 * segments[i][v] / Σ_v segments[i][v] (how code i's segments spread over the values); {@code columnPercent[i][v]} =
 * 100 · segments[i][v] / Σ_i segments[i][v] (how value v's segments spread over the codes). A percentage whose row or
 * column total is 0 is 0. The arrays are not copied: treat them as read-only.
 */
public record AttributeMatrix(List<Long> codeIds, List<String> values, long[][] segments, long[][] documents,
        double[][] rowPercent, double[][] columnPercent) {

    /** The column of documents with no value for the attribute (missing from the map, or mapped to null). */
    public static final String NO_VALUE = "(no value)";

    public AttributeMatrix {
        codeIds = List.copyOf(codeIds);
        values = List.copyOf(values);
    }

    /**
     * @param segments        the coded segments; those of codes not in {@code codeIds} are ignored
     * @param codeIds         the rows, in this order (no duplicates)
     * @param valueByDocument each document's value of the attribute; a document missing from it, or mapped to null or
     *                        a blank string, falls in the {@link #NO_VALUE} column
     * @return columns: every value of the map plus {@link #NO_VALUE} when some segment's document has none, sorted
     *         numerically when every value is a number, else alphabetically (case-insensitive), with
     *         {@link #NO_VALUE} last; a value of the map that no segment reaches still gets its column of zeros
     */
    public static AttributeMatrix compute(List<Segment> segments, List<Long> codeIds,
            Map<Long, String> valueByDocument) {
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(valueByDocument, "valueByDocument");
        Indexes.of(codeIds, "codes"); // rejects nulls and duplicates
        int k = codeIds.size();
        LongIntMap codeRow = new LongIntMap(k);
        codeIds.forEach(codeRow::indexOf);

        TreeSet<String> present = new TreeSet<>();
        boolean missing = false;
        for (String value : valueByDocument.values()) {
            if (isMissing(value)) {
                missing = true;
            } else {
                present.add(value.strip());
            }
        }
        for (Segment s : segments) {
            if (codeRow.get(s.codeId()) != LongIntMap.MISSING && isMissing(valueByDocument.get(s.documentId()))) {
                missing = true;
                break;
            }
        }
        List<String> values = new ArrayList<>(present);
        values.sort(order(values));
        if (missing) {
            values.add(NO_VALUE);
        }
        Map<String, Integer> valueIndex = new HashMap<>();
        for (int v = 0; v < values.size(); v++) {
            valueIndex.put(values.get(v), v);
        }
        int columns = values.size();

        long[][] counts = new long[k][columns];
        long[][] documents = new long[k][columns];
        LongIntMap documentIndex = new LongIntMap(1024);
        int[] valueOfDocument = new int[16];
        LongIntMap documentCodes = new LongIntMap(1024); // (document, code) pairs already counted
        long lastDocument = 0;
        int d = -1;
        for (Segment s : segments) {
            int c = codeRow.get(s.codeId());
            if (c == LongIntMap.MISSING) {
                continue;
            }
            if (d < 0 || s.documentId() != lastDocument) { // segments usually come a document at a time
                lastDocument = s.documentId();
                int known = documentIndex.size();
                d = documentIndex.indexOf(lastDocument);
                if (d == known) {
                    if (d == valueOfDocument.length) {
                        valueOfDocument = Arrays.copyOf(valueOfDocument, 2 * d);
                    }
                    String value = valueByDocument.get(lastDocument);
                    valueOfDocument[d] = valueIndex.get(isMissing(value) ? NO_VALUE : value.strip());
                }
            }
            int v = valueOfDocument[d];
            counts[c][v]++;
            int counted = documentCodes.size();
            if (documentCodes.indexOf((long) d * k + c) == counted) {
                documents[c][v]++;
            }
        }
        double[][] rowPercent = new double[k][columns];
        double[][] columnPercent = new double[k][columns];
        Percentages.fill(counts, rowPercent, columnPercent);
        return new AttributeMatrix(codeIds, values, counts, documents, rowPercent, columnPercent);
    }

    private static boolean isMissing(String value) {
        return value == null || value.isBlank() || value.strip().equals(NO_VALUE);
    }

    private static Comparator<String> order(List<String> values) {
        boolean numeric = !values.isEmpty() && values.stream().allMatch(AttributeMatrix::isNumber);
        if (numeric) {
            return Comparator.comparing((String v) -> new BigDecimal(v)).thenComparing(Comparator.naturalOrder());
        }
        return String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
