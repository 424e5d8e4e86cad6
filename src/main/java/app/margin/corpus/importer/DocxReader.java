package app.margin.corpus.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Word documents through Apache POI: body paragraphs in order, separated by blank lines. Transcripts laid out as a
 * two-column table (speaker | what was said) become "Speaker: text" paragraphs.
 */
final class DocxReader implements FormatReader {
    private static final int MAX_LABEL_LENGTH = 40;

    @Override
    public Extracted read(String fileName, byte[] content) throws ImportRefusedException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(content))) {
            List<String> paragraphs = new ArrayList<>();
            for (IBodyElement element : docx.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    paragraphs.add(paragraph.getText());
                } else if (element instanceof XWPFTable table) {
                    table.getRows().forEach(row -> paragraphs.addAll(rowParagraphs(row)));
                }
            }
            String text = String.join("\n\n", paragraphs.stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
            String title = docx.getProperties().getCoreProperties().getTitle();
            return Extracted.text(Utf8Text.normalise(text), title == null || title.isBlank() ? null : title.strip());
        } catch (IOException | RuntimeException e) {
            throw new ImportRefusedException("‘" + fileName + "’ could not be read as a Word document (.docx). It may be "
                    + "damaged, or an older .doc file: open it in Word or LibreOffice and save it as .docx.", e);
        } catch (NoClassDefFoundError e) {
            // found by fuzzing: a ZIP entry compressed with a method whose optional codec is absent (Zstandard)
            throw new ImportRefusedException("‘" + fileName + "’ is compressed in a way Margin cannot read. Open it in "
                    + "Word or LibreOffice and save it as .docx again.", e);
        }
    }

    private static List<String> rowParagraphs(XWPFTableRow row) {
        List<String> cells = row.getTableCells().stream().map(XWPFTableCell::getText).map(String::strip)
                .filter(c -> !c.isEmpty()).toList();
        if (cells.size() == 2 && cells.get(0).length() <= MAX_LABEL_LENGTH && !cells.get(0).contains("\n")) {
            String label = cells.get(0).endsWith(":") ? cells.get(0) : cells.get(0) + ":";
            return List.of(label + " " + cells.get(1));
        }
        return cells;
    }
}
