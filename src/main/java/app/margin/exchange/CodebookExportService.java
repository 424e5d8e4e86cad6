package app.margin.exchange;

import app.margin.codebook.CodeDtos.CodeView;
import app.margin.codebook.CodebookService;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.problem.ProblemException;
import app.margin.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] csv(long projectId) {
        List<CodeView> codes = codebook.list(projectId);
        List<List<String>> rows = new ArrayList<>();
        for (CodeView c : codes) {
            String parentPath = c.path().contains(" > ") ? c.path().substring(0, c.path().lastIndexOf(" > ")) : "";
            rows.add(List.of(Long.toString(c.id()), c.path(), c.name(), parentPath,
                    Integer.toString(c.path().split(" > ", -1).length), c.color(), nz(c.definition()),
                    nz(c.inclusion()), nz(c.exclusion()), nz(c.example()), Long.toString(c.codings())));
        }
        return SegmentWriters.csv(COLUMNS, rows);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] docx(long projectId) {
        List<CodeView> codes = codebook.list(projectId);
        Project project = Project.findById(projectId);
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Docx.heading(doc, "Codebook: " + project.name, 0);
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
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A REFI-QDA codebook (urn:QDA-XML:codebook:1.0). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] qdc(long projectId) {
        access.require(projectId, Permission.READ);
        List<CodeView> codes = codebook.list(projectId);
        if (codes.isEmpty()) {
            throw ProblemException.badRequest("The codebook is empty: a REFI-QDA codebook needs at least one code.");
        }
        return QdaXml.codebook(projectId, codes);
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
