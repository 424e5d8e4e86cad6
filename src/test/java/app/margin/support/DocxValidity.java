package app.margin.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.xmlbeans.XmlError;
import org.apache.xmlbeans.XmlOptions;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.DocumentDocument;

/**
 * Whether a DOCX Margin wrote is one Word opens without repairing it: its {@code word/document.xml} validated against
 * the WordprocessingML schema of ECMA-376 (the schema types POI's XMLBeans were compiled from), and the file opened
 * and saved again by POI without losing text.
 */
public final class DocxValidity {
    private DocxValidity() {
    }

    /** The schema errors of the document part, each with its line; empty when valid. */
    public static List<String> schemaErrors(byte[] docx) throws IOException {
        byte[] xml = part(docx, "word/document.xml");
        List<XmlError> errors = new ArrayList<>();
        try {
            DocumentDocument document = DocumentDocument.Factory.parse(new ByteArrayInputStream(xml));
            document.validate(new XmlOptions().setErrorListener(errors));
        } catch (org.apache.xmlbeans.XmlException e) {
            return List.of("not well-formed: " + e.getMessage());
        }
        // XMLBeans lists every element it expected: the start of each message says what is wrong and where
        return errors.stream().map(e -> e.getMessage().length() > 300 ? e.getMessage().substring(0, 150) + " … "
                + e.getMessage().substring(e.getMessage().length() - 150) : e.getMessage()).toList();
    }

    /** The text of the document, and the text after POI opened it and saved it again: the two must be equal. */
    public static String[] textBeforeAndAfterResave(byte[] docx) throws IOException {
        String before;
        ByteArrayOutputStream resaved = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
                XWPFWordExtractor text = new XWPFWordExtractor(doc)) {
            before = text.getText();
            doc.write(resaved);
        }
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(resaved.toByteArray()));
                XWPFWordExtractor text = new XWPFWordExtractor(doc)) {
            return new String[] {before, text.getText()};
        }
    }

    private static byte[] part(byte[] docx, String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return readAll(zip);
                }
            }
        }
        throw new IOException("The file has no " + name + ": not a Word document");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
