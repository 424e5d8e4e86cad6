package app.margin.corpus.importer;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text layer of a PDF through Apache PDFBox; paragraphs as the text stripper separates them. */
final class PdfReader implements FormatReader {
    @Override
    public Extracted read(String fileName, byte[] content) throws ImportRefusedException {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphStart("");
            stripper.setParagraphEnd("\n");
            stripper.setPageEnd("\n");
            String text = Utf8Text.normalise(stripper.getText(pdf)).replaceAll("[ \\t]+\\n", "\n")
                    .replaceAll("\\n{3,}", "\n\n").strip();
            if (text.isBlank() && pdf.getNumberOfPages() > 0) {
                throw new ImportRefusedException("‘" + fileName + "’ has no text layer (it looks like a scanned image). "
                        + "Run OCR on it first, then import it.");
            }
            String title = pdf.getDocumentInformation().getTitle();
            return Extracted.text(text, title == null || title.isBlank() ? null : title.strip());
        } catch (InvalidPasswordException e) {
            throw new ImportRefusedException("‘" + fileName + "’ is password-protected. Remove the password (print it "
                    + "to a new PDF, or save a copy without protection) and import that.", e);
        } catch (IOException | RuntimeException e) {
            throw new ImportRefusedException("‘" + fileName + "’ could not be read as a PDF. It may be damaged or only "
                    + "partly downloaded: open it in a PDF reader and save a fresh copy.", e);
        }
    }
}
