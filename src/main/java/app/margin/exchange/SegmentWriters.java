package app.margin.exchange;

import app.margin.exchange.ExchangeDtos.CodeSection;
import app.margin.exchange.ExchangeDtos.Quote;
import app.margin.exchange.ExchangeDtos.SegmentExport;
import app.margin.problem.ProblemException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import app.margin.analysis.CsvMatrix;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Writes a {@link SegmentExport} as CSV, XLSX, DOCX or Markdown to a stream (the response, or a spooled file): pure
 * functions of their input that leave the stream open.
 */
final class SegmentWriters {
    /** Columns of the CSV and XLSX exports, in order (documented in docs/exchange.md). */
    static final List<String> COLUMNS = List.of("quote_id", "code_path", "document", "case", "speaker", "turn",
            "timestamp", "start", "end", "coder", "layer", "citation", "text");

    private SegmentWriters() {
    }

    static List<String> row(Quote q) {
        return List.of(q.quoteId(), q.codePath(), q.documentTitle(), nz(q.caseName()), nz(q.speaker()),
                q.unit() == null ? "" : q.unit().toString(), nz(q.timestamp()), Integer.toString(q.start()),
                Integer.toString(q.end()), nz(q.coder()), q.layer().name(), q.citation(), q.text());
    }

    /** RFC 4180 CSV in UTF-8 with a byte-order mark, so spreadsheet programs read Hangul correctly. */
    static void csv(SegmentExport export, OutputStream out) throws IOException {
        csv(COLUMNS, rows(export), out);
    }

    /** Rows made as they are written: the quotes are held once, as quotes, not a second time as cells. */
    private static Iterable<List<String>> rows(SegmentExport export) {
        return () -> export.sections().stream().flatMap(s -> s.quotes().stream()).map(SegmentWriters::row).iterator();
    }

    /** Writes to {@code out} and leaves it open (flushed). */
    static void csv(List<String> header, Iterable<List<String>> rows, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
        w.write('\uFEFF');
        printer.printRecord(header);
        for (List<String> row : rows) {
            // Quotes, code names, titles and case attributes are researchers' and participants' words: a cell
            // starting with = + - @ must not run as a formula when the file is opened in a spreadsheet. Every
            // other cell here is a non-negative number or an id, which the rule leaves alone.
            for (String cell : row) {
                printer.print(CsvMatrix.excelSafe(cell));
            }
            printer.println();
        }
        printer.flush();
    }

    private static final int ROWS_IN_MEMORY = 200;

    static void xlsx(SegmentExport export, OutputStream out) throws IOException {
        xlsx("Segments", COLUMNS, rows(export), out, 7, 8, 5);
    }

    /**
     * One sheet, a bold frozen header row; the listed columns are written as numbers. Streamed (POI's SXSSF keeps a
     * window of rows in memory and the rest in a compressed temporary file, deleted at once): a workbook held whole
     * ran out of a 3 GB heap at 300,000 quotes, and took 2 GB for 50,000.
     */
    static void xlsx(String sheetName, List<String> header, Iterable<List<String>> rows, OutputStream out,
            int... numericColumns) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY);
        book.setCompressTempFiles(true);
        try (book) {
            SXSSFSheet sheet = book.createSheet(sheetName);
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row head = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                head.createCell(i).setCellValue(header.get(i));
                head.getCell(i).setCellStyle(bold);
            }
            sheet.createFreezePane(0, 1);
            int r = 1;
            for (List<String> values : rows) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i);
                    if (isNumeric(numericColumns, i) && !v.isEmpty()) {
                        row.createCell(i).setCellValue(Long.parseLong(v));
                    } else {
                        // Excel caps a cell at 32,767 characters; longer quotes are cut with a visible mark.
                        row.createCell(i).setCellValue(v.length() > 32_000 ? v.substring(0, 32_000) + " […]" : v);
                    }
                }
            }
            book.write(out);
        } finally {
            book.dispose(); // the temporary files hold participants' words: never leave them behind
        }
    }

    /**
     * The most quotes a Word document holds: POI builds the whole document in memory, about 7 KB of heap per quote
     * (measured: 300,000 quotes took 2 GB and ran a 2 GB server out of memory), and 20,000 quotes already make
     * thousands of pages. CSV, XLSX and Markdown have no such limit.
     */
    static final int DOCX_MAX_QUOTES = 20_000;

    /** Refuses, before anything is written, a Word document with more than {@code maxQuotes} quotes. */
    static void requireDocxFits(SegmentExport export, int maxQuotes) {
        int quotes = export.sections().stream().mapToInt(s -> s.quotes().size()).sum();
        if (quotes > maxQuotes) {
            throw ProblemException.badRequest(String.format(Locale.ROOT, "This export has %,d quotes; a Word document "
                    + "holds at most %,d. Choose codes, documents or case attributes to export fewer, or export CSV, "
                    + "XLSX or Markdown, which take any number.", quotes, maxQuotes));
        }
    }

    /** A document to paste into a paper: one section per code with its definition, quotes as block quotes. */
    static void docx(SegmentExport export, OutputStream out) throws IOException {
        requireDocxFits(export, DOCX_MAX_QUOTES);
        try (XWPFDocument doc = new XWPFDocument()) {
            Docx.heading(doc, "Coded segments: " + export.projectName(), 0);
            for (CodeSection section : export.sections()) {
                Docx.heading(doc, section.path() + " (" + section.quotes().size() + ")", 1);
                if (section.definition() != null && !section.definition().isBlank()) {
                    XWPFParagraph p = doc.createParagraph();
                    XWPFRun run = p.createRun();
                    run.setItalic(true);
                    run.setText(section.definition());
                }
                for (Quote q : section.quotes()) {
                    XWPFParagraph quote = doc.createParagraph();
                    quote.setIndentationLeft(720);
                    quote.setIndentationRight(720);
                    quote.setSpacingAfter(0);
                    Docx.text(quote.createRun(), "“" + q.text() + "”");
                    XWPFParagraph cite = doc.createParagraph();
                    cite.setIndentationLeft(720);
                    cite.setAlignment(ParagraphAlignment.RIGHT);
                    XWPFRun run = cite.createRun();
                    run.setFontSize(9);
                    run.setText(citationLine(q));
                }
            }
            doc.write(out);
        }
    }

    /** "— P07, woman, 1980s (Q-12; interview P07, turn 4, 00:12:05)". */
    static String citationLine(Quote q) {
        StringBuilder s = new StringBuilder("— ").append(q.citation()).append(" (").append(q.quoteId());
        s.append("; ").append(q.documentTitle());
        if (q.unit() != null) {
            s.append(", turn ").append(q.unit());
        }
        if (q.timestamp() != null) {
            s.append(", ").append(q.timestamp());
        }
        return s.append(")").toString();
    }

    static void markdown(SegmentExport export, OutputStream out) throws IOException {
        Writer md = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        md.append("# Coded segments: ").append(Markdown.inline(export.projectName())).append("\n");
        for (CodeSection section : export.sections()) {
            md.append("\n## ").append(Markdown.inline(section.path())).append(" (")
                    .append(Integer.toString(section.quotes().size())).append(")\n");
            if (section.definition() != null && !section.definition().isBlank()) {
                md.append("\n*").append(Markdown.inline(section.definition().strip())).append("*\n");
            }
            for (Quote q : section.quotes()) {
                md.append("\n");
                for (String line : q.text().strip().split("\n", -1)) {
                    md.append("> ").append(Markdown.inline(line)).append("\n");
                }
                md.append(">\n> ").append(Markdown.inline(citationLine(q))).append("\n");
            }
        }
        md.flush();
    }

    private static boolean isNumeric(int[] columns, int i) {
        for (int c : columns) {
            if (c == i) {
                return true;
            }
        }
        return false;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
