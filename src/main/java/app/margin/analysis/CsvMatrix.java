package app.margin.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders the matrices as CSV (RFC 4180, CRLF line ends, quotes only where needed): a header row of column labels
 * after a first cell naming the rows ("Code"), then one row per code starting with its label. Counts are plain
 * integers; percentages have two decimals with a dot ("33.33").
 *
 * <p>Excel-safe: a label that starts with {@code = + - @}, a tab or a carriage return is prefixed with a single quote
 * so that a spreadsheet does not run it as a formula (CSV injection). A code or document missing from its label map
 * is labelled by its id.
 */
public final class CsvMatrix {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    /** What the cells of a rendered matrix hold. */
    public enum Cell {
        /** Segment counts. */
        SEGMENTS,
        /** Document counts (code × code and code × attribute only). */
        DOCUMENTS,
        /** Percent of the row total (code × attribute and code × document only). */
        ROW_PERCENT,
        /** Percent of the column total (code × attribute and code × document only). */
        COLUMN_PERCENT
    }

    private CsvMatrix() {
    }

    /** The code × code matrix; cell SEGMENTS or DOCUMENTS. */
    public static String codes(CodeMatrix matrix, Map<Long, String> codeNames, Cell cell) {
        StringBuilder out = new StringBuilder();
        codes(matrix, codeNames, cell, out);
        return out.toString();
    }

    public static void codes(CodeMatrix matrix, Map<Long, String> codeNames, Cell cell, Appendable out) {
        long[][] counts = switch (Objects.requireNonNull(cell, "cell")) {
            case SEGMENTS -> matrix.segments();
            case DOCUMENTS -> matrix.documents();
            default -> throw new IllegalArgumentException("a code × code matrix holds segment and document counts, "
                    + "not " + cell.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        };
        List<String> columns = labels(matrix.codeIds(), codeNames);
        write(columns, columns, counts, null, out);
    }

    /** The code × attribute-value matrix, any kind of cell. */
    public static String attributes(AttributeMatrix matrix, Map<Long, String> codeNames, Cell cell) {
        StringBuilder out = new StringBuilder();
        attributes(matrix, codeNames, cell, out);
        return out.toString();
    }

    public static void attributes(AttributeMatrix matrix, Map<Long, String> codeNames, Cell cell, Appendable out) {
        List<String> rows = labels(matrix.codeIds(), codeNames);
        switch (Objects.requireNonNull(cell, "cell")) {
            case SEGMENTS -> write(rows, matrix.values(), matrix.segments(), null, out);
            case DOCUMENTS -> write(rows, matrix.values(), matrix.documents(), null, out);
            case ROW_PERCENT -> write(rows, matrix.values(), null, matrix.rowPercent(), out);
            case COLUMN_PERCENT -> write(rows, matrix.values(), null, matrix.columnPercent(), out);
        }
    }

    /** The code × document matrix; cell SEGMENTS, ROW_PERCENT or COLUMN_PERCENT. */
    public static String documents(DocumentMatrix matrix, Map<Long, String> codeNames,
            Map<Long, String> documentNames, Cell cell) {
        StringBuilder out = new StringBuilder();
        documents(matrix, codeNames, documentNames, cell, out);
        return out.toString();
    }

    public static void documents(DocumentMatrix matrix, Map<Long, String> codeNames, Map<Long, String> documentNames,
            Cell cell, Appendable out) {
        List<String> rows = labels(matrix.codeIds(), codeNames);
        List<String> columns = labels(matrix.documentIds(), documentNames);
        switch (Objects.requireNonNull(cell, "cell")) {
            case SEGMENTS -> write(rows, columns, matrix.segments(), null, out);
            case ROW_PERCENT -> write(rows, columns, null, matrix.rowPercent(), out);
            case COLUMN_PERCENT -> write(rows, columns, null, matrix.columnPercent(), out);
            case DOCUMENTS -> throw new IllegalArgumentException("a code × document matrix holds segment counts and "
                    + "percentages, not document counts");
        }
    }

    /** A cell a spreadsheet would not run as a formula: a leading = + - @ tab or carriage return gets a ' before it. */
    public static String excelSafe(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    private static List<String> labels(List<Long> ids, Map<Long, String> names) {
        Function<Long, String> label = id -> {
            String name = names == null ? null : names.get(id);
            return name == null ? String.valueOf(id) : name;
        };
        return ids.stream().map(label).toList();
    }

    private static void write(List<String> rows, List<String> columns, long[][] counts, double[][] percents,
            Appendable out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, FORMAT);
            List<String> header = new ArrayList<>(columns.size() + 1);
            header.add("Code");
            columns.forEach(c -> header.add(excelSafe(c)));
            printer.printRecord(header);
            List<String> record = new ArrayList<>(columns.size() + 1);
            for (int r = 0; r < rows.size(); r++) {
                record.clear();
                record.add(excelSafe(rows.get(r)));
                for (int c = 0; c < columns.size(); c++) {
                    record.add(counts != null ? Long.toString(counts[r][c])
                            : String.format(Locale.ROOT, "%.2f", percents[r][c]));
                }
                printer.printRecord(record);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
