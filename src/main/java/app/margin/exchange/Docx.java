package app.margin.exchange;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;

/** Small helpers for Word documents written with POI. */
final class Docx {
    private Docx() {
    }

    /** A heading: level 0 is the title. Bold, larger text, and an outline level so Word's navigation shows it. */
    static XWPFParagraph heading(XWPFDocument doc, String text, int level) {
        XWPFParagraph p = doc.createParagraph();
        p.setSpacingBefore(level == 0 ? 0 : 240);
        // setSpacingBefore made the paragraph's properties: a second <w:pPr> breaks the schema and Word repairs the file
        CTPPr properties = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
        properties.addNewOutlineLvl().setVal(java.math.BigInteger.valueOf(level));
        XWPFRun run = p.createRun();
        run.setBold(true);
        run.setFontSize(level == 0 ? 18 : level == 1 ? 14 : 12);
        run.setText(text);
        return p;
    }

    /** Text with line breaks kept as breaks inside the paragraph. */
    static void text(XWPFRun run, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                run.addBreak();
            }
            run.setText(lines[i]);
        }
    }
}
