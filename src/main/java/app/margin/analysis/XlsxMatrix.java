package app.margin.analysis;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A matrix as a spreadsheet: exactly the table {@link CsvMatrix} writes (same labels, same cells), with numbers as
 * numeric cells so a researcher can sort and chart them in Excel or LibreOffice.
 */
public final class XlsxMatrix {
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private XlsxMatrix() {
    }

    /** Rows kept in the heap while the sheet is written; the rest go to POI's compressed temporary file. */
    private static final int ROWS_IN_MEMORY = 200;

    /**
     * The sheet for {@code csv}, written to the response as it is made. Streamed (SXSSF) rather than a workbook held
     * whole: a code × document matrix of 150 codes and 2,000 documents has 300,000 cells, and POI holds about 1 KB
     * of heap per cell of a whole workbook.
     */
    public static StreamingOutput fromCsv(String csv, String sheetName) {
        return out -> write(csv, sheetName, out);
    }

    static void write(String csv, String sheetName, OutputStream out) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY);
        book.setCompressTempFiles(true);
        try (book) {
            Sheet sheet = book.createSheet(sheetName);
            int r = 0;
            for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv))) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < record.size(); c++) {
                    String value = record.get(c);
                    if (r > 0 && c > 0) {
                        row.createCell(c).setCellValue(Double.parseDouble(value));
                    } else {
                        row.createCell(c).setCellValue(value);
                    }
                }
                r++;
            }
            sheet.createFreezePane(1, 1);
            sheet.setColumnWidth(0, 40 * 256);
            book.write(out);
        } finally {
            book.dispose(); // the temporary file holds code and document names: never leave it behind
        }
    }
}
