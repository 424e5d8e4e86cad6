package app.margin.corpus.importer;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.margin.corpus.DocumentKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

/** DOCX and PDF files generated here with POI and PDFBox, read back through the importers. */
class OfficeFormatReaderTest {
    static final Path NANUM = Path.of("/usr/share/fonts/truetype/nanum/NanumGothic.ttf");
    final DocumentReader reader = new DocumentReader();

    @Test
    void docxParagraphsAndTableTranscripts() throws Exception {
        byte[] docx;
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle("Interview with P04");
            doc.createParagraph().createRun().setText("Interviewer: Tell me about 하나원.");
            doc.createParagraph();
            doc.createParagraph().createRun().setText("P04: Three months of 하나원 (Hanawon) classes.");
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Interviewer");
            table.getRow(0).getCell(1).setText("And after that?");
            table.getRow(1).getCell(0).setText("P04");
            table.getRow(1).getCell(1).setText("A small flat.");
            doc.write(out);
            docx = out.toByteArray();
        }
        ImportedText t = reader.read("p04.docx", docx, null);
        assertEquals("Interview with P04", t.title());
        assertEquals("Interviewer: Tell me about 하나원.\n\nP04: Three months of 하나원 (Hanawon) classes.\n\n"
                + "Interviewer: And after that?\n\nP04: A small flat.", t.text());
        assertEquals(DocumentKind.TRANSCRIPT, t.kind());
        assertEquals(List.of("Interviewer", "P04", "Interviewer", "P04"), t.units().stream().map(TextUnit::speaker).toList());
        TextUnit second = t.units().get(1);
        assertEquals("Three months of 하나원 (Hanawon) classes.", t.text().substring(second.start(), second.end()));
    }

    @Test
    void corruptDocxIsRefused() {
        for (byte[] bad : List.of("not a zip".getBytes(), new byte[] {'P', 'K', 3, 4, 0, 0, 9, 9})) {
            String message = assertThrows(ImportRefusedException.class, () -> reader.read("bad.docx", bad, null)).getMessage();
            assertTrue(message.contains("could not be read as a Word document"), message);
        }
    }

    @Test
    void pdfTextLayerAcrossPages() throws Exception {
        byte[] pdf = pdf(List.of(List.of("Interviewer: Why the UK?", "P12: Schools for my children."),
                List.of("Interviewer: Anything else?", "P12: Welfare, and less discrimination.")),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA), null);
        ImportedText t = reader.read("p12.pdf", pdf, null);
        assertEquals("Interview with P12", t.title());
        assertEquals(DocumentKind.TRANSCRIPT, t.kind());
        assertEquals(List.of("Why the UK?", "Schools for my children.", "Anything else?", "Welfare, and less discrimination."),
                t.units().stream().map(u -> t.text().substring(u.start(), u.end())).toList());
    }

    @Test
    void hangulRoundTripsThroughAPdfWhenTheFontIsInstalled() throws Exception {
        assumeTrue(Files.exists(NANUM), "NanumGothic (Debian fonts-nanum) is needed to write Hangul into a PDF");
        try (PDDocument holder = new PDDocument()) {
            PDFont font = PDType0Font.load(holder, NANUM.toFile());
            byte[] pdf = pdf(List.of(List.of("P09: 브로커가 도와줬어요.")), font, holder);
            assertTrue(reader.read("p09.pdf", pdf, null).text().contains("브로커가 도와줬어요."));
        }
    }

    @Test
    void corruptEncryptedAndTextlessPdfsAreRefused() throws Exception {
        assertTrue(refusal("x.pdf", "%PDF-1.7 nothing here".getBytes()).contains("could not be read as a PDF"));
        byte[] encrypted;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.protect(new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission()));
            doc.save(out);
            encrypted = out.toByteArray();
        }
        assertTrue(refusal("x.pdf", encrypted).contains("password-protected"));
        byte[] blank;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            blank = out.toByteArray();
        }
        assertTrue(refusal("scan.pdf", blank).contains("no text layer"));
    }

    private String refusal(String name, byte[] content) {
        return assertThrows(ImportRefusedException.class, () -> reader.read(name, content, null)).getMessage();
    }

    /** A PDF with one page per list of lines; {@code doc} is reused when a font was loaded into it. */
    private static byte[] pdf(List<List<String>> pages, PDFont font, PDDocument doc) throws IOException {
        PDDocument pdf = doc != null ? doc : new PDDocument();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pdf.getDocumentInformation().setTitle("Interview with P12");
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -24);
                    }
                    content.endText();
                }
            }
            pdf.save(out);
            return out.toByteArray();
        } finally {
            if (doc == null) {
                pdf.close();
            }
        }
    }
}
