package app.margin.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A matrix as a spreadsheet: exactly the table {@link CsvMatrix} writes (same labels, same cells), with numbers as
 * numeric cells so a researcher can sort and chart them in Excel or LibreOffice.
 */
public final class XlsxMatrix {
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private XlsxMatrix() {
    }

    public static byte[] fromCsv(String csv, String sheetName) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
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
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
