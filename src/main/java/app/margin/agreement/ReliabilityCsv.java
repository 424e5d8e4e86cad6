package app.margin.agreement;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads reliability data from a spreadsheet export: the first row names the coders, every further row is one unit
 * with one cell per coder; an empty cell is a missing value. Comma- or semicolon-separated (whichever the header uses
 * more), RFC 4180 quoting (commas inside quotes), a leading byte-order mark and blank lines are tolerated. Error
 * messages number rows from the header as row 1, not counting blank lines.
 */
public final class ReliabilityCsv {
    private ReliabilityCsv() {
    }

    /** @throws IllegalArgumentException with a message a researcher can act on when the table is unusable */
    public static ReliabilityData parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException("the reliability data is empty: expected a header row of coder names "
                    + "and one row per unit");
        }
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter(text)).setIgnoreEmptyLines(true).get();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("the reliability data is not a valid CSV table (check the quotes): "
                    + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the reliability data has no rows");
        }
        List<String> coders = header(records.getFirst());
        if (records.size() == 1) {
            throw new IllegalArgumentException("the table names the coders but has no units: add one row per unit");
        }
        List<List<String>> units = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            CSVRecord record = records.get(r);
            if (record.size() != coders.size()) {
                throw new IllegalArgumentException("row " + (r + 1) + " has " + record.size() + " cell"
                        + (record.size() == 1 ? "" : "s") + " but the header names " + coders.size() + " coders");
            }
            List<String> row = new ArrayList<>(coders.size());
            record.forEach(cell -> row.add(cell.isBlank() ? null : cell.strip()));
            units.add(row);
        }
        return new ReliabilityData(coders, units);
    }

    private static List<String> header(CSVRecord record) {
        List<String> coders = new ArrayList<>();
        record.forEach(cell -> coders.add(cell.strip()));
        if (coders.size() < 2) {
            throw new IllegalArgumentException("the header names " + coders.size() + " coder"
                    + (coders.size() == 1 ? "" : "s") + "; agreement needs at least 2 (one column per coder)");
        }
        for (int c = 0; c < coders.size(); c++) {
            if (coders.get(c).isEmpty()) {
                throw new IllegalArgumentException("column " + (c + 1) + " of the header has no coder name");
            }
            if (coders.indexOf(coders.get(c)) != c) {
                throw new IllegalArgumentException("the header names coder '" + coders.get(c) + "' twice");
            }
        }
        return coders;
    }

    private static char delimiter(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        return firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count()
                ? ';' : ',';
    }
}
