package app.margin.agreement.rounds;

import app.margin.agreement.rounds.AgreementDtos.AgreementView;
import app.margin.agreement.rounds.AgreementDtos.FigureView;
import app.margin.agreement.rounds.AgreementDtos.RoundView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import app.margin.analysis.CsvMatrix;
import app.margin.problem.Words;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** The coefficient table of a round as CSV, Markdown or DOCX, for the methods section of a paper. */
final class AgreementReport {
    static final List<String> COLUMNS = List.of("scope", "code", "document", "coders", "unit", "units",
            "coder count", "percent agreement", "kappa", "kappa kind", "alpha (nominal)", "reading",
            "unitizing alpha", "notes");

    private AgreementReport() {
    }

    /** Formats supported by {@link #render}. */
    enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        MD("text/markdown; charset=UTF-8", "md"),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    static byte[] render(Format format, RoundView round, AgreementView agreement) {
        List<List<String>> rows = agreement.figures().stream().map(f -> row(f, agreement)).toList();
        return switch (format) {
            case CSV -> csv(rows);
            case MD -> markdown(round, agreement, rows);
            case DOCX -> docx(round, agreement, rows);
        };
    }

    private static List<String> row(FigureView f, AgreementView agreement) {
        List<String> row = new ArrayList<>();
        row.add(f.scope().name().toLowerCase(Locale.ROOT));
        row.add(f.codeName() == null ? "" : f.codeName());
        row.add(f.documentTitle() == null ? "" : f.documentTitle());
        row.add(String.join(" & ", f.coders()));
        row.add(agreement.unit().name().toLowerCase(Locale.ROOT));
        row.add(String.valueOf(f.units()));
        row.add(String.valueOf(f.coderCount()));
        row.add(number(f.percentAgreement()));
        row.add(number(f.kappa()));
        row.add(f.kappaKind());
        row.add(number(f.alpha()));
        row.add(f.interpretation().label());
        row.add(number(f.unitizingAlpha()));
        row.add(String.join("; ", f.notes()));
        return row;
    }

    /** Columns holding names and notes (code, document, coders, notes); the others hold numbers, some negative. */
    private static final java.util.Set<Integer> TEXT_COLUMNS = java.util.Set.of(1, 2, 3, 13);

    /** A code or document named "=HYPERLINK(…)" must not run as a formula in a spreadsheet; κ of -0.2 stays a number. */
    static List<String> formulaSafe(List<String> row) {
        List<String> safe = new ArrayList<>(row);
        TEXT_COLUMNS.forEach(i -> safe.set(i, CsvMatrix.excelSafe(safe.get(i))));
        return safe;
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static byte[] csv(List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(COLUMNS);
            for (List<String> row : rows) {
                printer.printRecord(formulaSafe(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String caption(RoundView round, AgreementView agreement) {
        return "Agreement round ‘" + round.name() + "’: " + round.coders().size() + " coders ("
                + String.join(", ", round.coders()) + "), " + Words.count(round.documentIds().size(), "document")
                + ", " + Words.count(round.codeIds().size(), "code") + "; unit of analysis: "
                + agreement.unit().name().toLowerCase(Locale.ROOT)
                + ". κ is Cohen's for two coders and Fleiss' for more; α is Krippendorff's nominal α on presence/absence "
                + "of each code per unit; unitizing α is Krippendorff's |uα over the characters. " + agreement.percentAgreementDefinition()
                + " Readings follow Krippendorff (2004): α ≥ .800 reliable, .667–.800 tentative conclusions only.";
    }

    private static byte[] markdown(RoundView round, AgreementView agreement, List<List<String>> rows) {
        StringBuilder md = new StringBuilder("# Agreement: ").append(escape(round.name())).append("\n\n")
                .append(caption(round, agreement)).append("\n\n| ");
        md.append(String.join(" | ", COLUMNS)).append(" |\n|");
        COLUMNS.forEach(c -> md.append(" --- |"));
        md.append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row.stream().map(AgreementReport::escape).toList())).append(" |\n");
        }
        return md.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }

    /** The text width of an A4 or Letter page with Word's default margins, in twentieths of a point. */
    private static final int TEXT_WIDTH_TWIPS = 9_000;

    private static byte[] docx(RoundView round, AgreementView agreement, List<List<String>> rows) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var title = doc.createParagraph().createRun();
            title.setBold(true);
            title.setFontSize(14);
            title.setText("Agreement: " + round.name());
            doc.createParagraph().createRun().setText(caption(round, agreement));
            XWPFTable table = doc.createTable(rows.size() + 1, COLUMNS.size());
            // POI writes no column grid, which the schema requires before the rows: Word would repair the file
            var grid = table.getCTTbl().addNewTblGrid();
            for (int c = 0; c < COLUMNS.size(); c++) {
                grid.addNewGridCol().setW(java.math.BigInteger.valueOf(TEXT_WIDTH_TWIPS / COLUMNS.size()));
            }
            fill(table.getRow(0), COLUMNS, true);
            for (int r = 0; r < rows.size(); r++) {
                fill(table.getRow(r + 1), rows.get(r), false);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(XWPFTableRow row, List<String> cells, boolean bold) {
        for (int c = 0; c < cells.size(); c++) {
            var run = row.getCell(c).getParagraphs().getFirst().createRun();
            run.setBold(bold);
            run.setText(cells.get(c));
        }
    }
}
