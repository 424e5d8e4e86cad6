package app.margin.corpus;

import app.margin.corpus.AttributeDtos.AttributesUpdate;
import app.margin.corpus.AttributeDtos.CaseAttributes;
import app.margin.corpus.AttributeDtos.DocumentAttributes;
import app.margin.problem.ProblemException;
import app.margin.problem.TextCharacters;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a case-attributes table. The header names a key column, {@code case} (one row per participant) and/or
 * {@code document} (a title or file name; with {@code case} as well, the row also links that document to the case);
 * every other column is an attribute. Comma- or semicolon-separated, as spreadsheets write them.
 */
final class AttributeCsv {
    private AttributeCsv() {
    }

    static AttributesUpdate parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw ProblemException.badRequest("The attributes table is empty.");
        }
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        int forbidden = TextCharacters.firstForbidden(text);
        if (forbidden >= 0) {
            long line = text.substring(0, forbidden).chars().filter(c -> c == '\n').count() + 1;
            throw ProblemException.badRequest("The attributes table contains " + TextCharacters.name(text.charAt(forbidden))
                    + " on line " + line + ", which Margin does not store. "
                    + "Is it really a CSV file? " + TextCharacters.REMEDY);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(guessDelimiter(text)).setHeader()
                .setSkipHeaderRecord(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            String caseColumn = column(header, "case");
            String documentColumn = column(header, "document");
            if (caseColumn == null && documentColumn == null) {
                throw ProblemException.badRequest("The first row of the table must name a 'case' column (participant "
                        + "ids such as P07) or a 'document' column (document titles); found: " + String.join(", ", header) + ".");
            }
            List<CaseAttributes> cases = new ArrayList<>();
            List<DocumentAttributes> documents = new ArrayList<>();
            for (CSVRecord row : parser) {
                requireNoUnnamedCells(row, header.size());
                Map<String, String> attributes = new LinkedHashMap<>();
                for (String name : header) {
                    if (!name.equals(caseColumn) && !name.equals(documentColumn) && row.isSet(name)) {
                        attributes.put(name, row.get(name));
                    }
                }
                String caseName = caseColumn == null ? null : row.get(caseColumn);
                String document = documentColumn == null ? null : row.get(documentColumn);
                if (document != null && !document.isBlank()) {
                    documents.add(new DocumentAttributes(null, document, caseName, attributes));
                } else if (caseName != null && !caseName.isBlank()) {
                    cases.add(new CaseAttributes(caseName, attributes));
                } else {
                    throw ProblemException.badRequest("Row " + (row.getRecordNumber() + 1)
                            + " of the table has neither a case nor a document.");
                }
            }
            return new AttributesUpdate(cases, documents);
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw ProblemException.badRequest("The attributes table is not a valid CSV file: check quotes and that "
                    + "every column has a distinct, non-empty name in the first row.");
        }
    }

    /**
     * A row with more cells than the first row names would lose the extra ones silently (a shifted column, a comma in
     * an unquoted value); blank trailing cells, as spreadsheets write them, are fine.
     */
    private static void requireNoUnnamedCells(CSVRecord row, int named) {
        for (int i = named; i < row.size(); i++) {
            if (!row.get(i).isBlank()) {
                throw ProblemException.badRequest("Row " + (row.getRecordNumber() + 1) + " of the table has "
                        + row.size() + " cells but the first row names " + named + " columns: quote values that "
                        + "contain the delimiter, or name every column.");
            }
        }
    }

    private static String column(List<String> header, String wanted) {
        return header.stream().filter(h -> h.strip().toLowerCase(Locale.ROOT).equals(wanted)).findFirst().orElse(null);
    }

    private static char guessDelimiter(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        return firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count() ? ';' : ',';
    }
}
