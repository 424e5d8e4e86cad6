package app.margin.exchange;

import app.margin.codebook.CodeDtos.CodeView;
import app.margin.codebook.CodebookService;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.problem.ProblemException;
import app.margin.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/** The codebook as CSV, DOCX and REFI-QDA codebook (.qdc). */
@ApplicationScoped
public class CodebookExportService {
    static final List<String> COLUMNS = List.of("code_id", "path", "name", "parent_path", "level", "color",
            "definition", "inclusion", "exclusion", "example", "codings");

    private final ProjectAccess access;
    private final CodebookService codebook;

    CodebookExportService(ProjectAccess access, CodebookService codebook) {
        this.access = access;
        this.codebook = codebook;
    }

    /** The codebook is read now; the returned body only writes it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ExportFile.Body csv(long projectId) {
        List<CodeView> codes = codebook.list(projectId);
        List<List<String>> rows = new ArrayList<>();
        for (CodeView c : codes) {
            String parentPath = c.path().contains(" > ") ? c.path().substring(0, c.path().lastIndexOf(" > ")) : "";
            rows.add(List.of(Long.toString(c.id()), c.path(), c.name(), parentPath,
                    Integer.toString(c.path().split(" > ", -1).length), c.color(), nz(c.definition()),
                    nz(c.inclusion()), nz(c.exclusion()), nz(c.example()), Long.toString(c.codings())));
        }
        return out -> SegmentWriters.csv(COLUMNS, rows, out);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ExportFile.Body docx(long projectId) {
        List<CodeView> codes = codebook.list(projectId);
        String name = ((Project) Project.findById(projectId)).name;
        return out -> docx(name, codes, out);
    }

    private static void docx(String projectName, List<CodeView> codes, OutputStream out) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            Docx.heading(doc, "Codebook: " + projectName, 0);
            for (CodeView c : codes) {
                int level = Math.min(c.path().split(" > ", -1).length, 3);
                Docx.heading(doc, c.path(), level);
                labelled(doc, "Definition", c.definition());
                labelled(doc, "Include when", c.inclusion());
                labelled(doc, "Exclude when", c.exclusion());
                labelled(doc, "Example", c.example());
                labelled(doc, "Codings", Long.toString(c.codings()));
            }
            doc.write(out);
        }
    }

    /** A REFI-QDA codebook (urn:QDA-XML:codebook:1.0). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ExportFile.Body qdc(long projectId) {
        access.require(projectId, Permission.READ);
        List<CodeView> codes = codebook.list(projectId);
        if (codes.isEmpty()) {
            throw ProblemException.badRequest("The codebook is empty: a REFI-QDA codebook needs at least one code.");
        }
        return out -> QdaXml.codebook(codes, out);
    }

    String projectName(long projectId) {
        access.require(projectId, Permission.READ);
        return ((Project) Project.findById(projectId)).name;
    }

    private static void labelled(XWPFDocument doc, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        XWPFParagraph p = doc.createParagraph();
        XWPFRun l = p.createRun();
        l.setBold(true);
        l.setText(label + ": ");
        Docx.text(p.createRun(), value.strip());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
