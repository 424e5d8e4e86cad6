package app.margin.exchange;

import app.margin.codebook.CodeDtos.CodeView;
import app.margin.codebook.CodebookService;
import app.margin.coding.CodingDtos.CodingView;
import app.margin.coding.CodingDtos.MemoView;
import app.margin.coding.CodingService;
import app.margin.coding.Memo;
import app.margin.coding.MemoService;
import app.margin.corpus.Document;
import app.margin.corpus.ResearchCase;
import app.margin.identity.AppUser;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A whole project as a REFI-QDA project exchange file (.qdpx): a ZIP with {@code project.qde} and the plain text of
 * every document under {@code sources/}. Codings are those the caller may see (every layer for supervisors and
 * owners), each carried by its own {@code PlainTextSelection} with the coder as {@code creatingUser}.
 */
@ApplicationScoped
public class QdpxExportService {
    /** Marks a User name as a named coder brought in by an import, not a person with an account. */
    static final String NAMED_CODER_PREFIX = "qdpx:";

    private final ProjectAccess access;
    private final CodebookService codebook;
    private final CodingService codings;
    private final MemoService memos;
    private final ExportSpool spool;

    QdpxExportService(ProjectAccess access, CodebookService codebook, CodingService codings, MemoService memos,
            ExportSpool spool) {
        this.spool = spool;
        this.access = access;
        this.codebook = codebook;
        this.codings = codings;
        this.memos = memos;
    }

    /**
     * Writes the project to {@code out} (left open). Document texts are read a few at a time and let go once written,
     * and project.qde is written to a spooled file while the texts go into the archive, so the heap holds neither
     * the archive nor all texts: a 600-document project's .qdpx took twice its size in byte arrays before.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void export(long projectId, OutputStream out, IntConsumer progress) {
        access.require(projectId, Permission.READ);
        Project project = Project.findById(projectId);
        List<CodeView> codes = codebook.list(projectId);
        List<DocumentRow> documents = Document.<Document>find("projectId = ?1 order by id", projectId)
                .project(DocumentRow.class).list();
        List<ResearchCase> cases = ResearchCase.list("projectId = ?1 order by name", projectId);
        List<CodingView> visible = codings.list(projectId, null, null, null, null);
        List<MemoView> notes = memos.list(projectId, null, null);
        progress.accept(10);

        Map<Long, String> importers = AppUser.usernamesById(documents.stream().map(DocumentRow::importedBy).toList());
        TreeSet<String> usernames = new TreeSet<>();
        visible.forEach(c -> usernames.add(c.coder()));
        notes.forEach(m -> usernames.add(m.author()));
        usernames.addAll(importers.values());

        Map<Long, List<CodingView>> codingsByDocument = new HashMap<>();
        visible.forEach(c -> codingsByDocument.computeIfAbsent(c.documentId(), k -> new ArrayList<>()).add(c));
        Map<String, List<String>> noteRefs = new HashMap<>();
        for (MemoView m : notes) {
            noteRefs.computeIfAbsent(m.targetType() + "/" + m.targetId(), k -> new ArrayList<>())
                    .add(QdaXml.guid("note", m.id()));
        }
        Map<Long, List<String>> codeNotes = new HashMap<>();
        codes.forEach(c -> codeNotes.put(c.id(), noteRefs.getOrDefault(Memo.Target.CODE + "/" + c.id(), List.of())));
        TreeSet<String> variables = new TreeSet<>();
        cases.forEach(c -> variables.addAll(c.attributes.keySet()));
        variables.addAll(Document.getEntityManager().createQuery("select distinct key(a) from Document d "
                + "join d.attributes a where d.projectId = ?1", String.class).setParameter(1, projectId).getResultList());
        String projectName = project.name;
        Instant createdAt = project.createdAt;
        String description = project.description;

        Path qdeFile = spool.create();
        try (OutputStream qde = new BufferedOutputStream(Files.newOutputStream(qdeFile), 64 * 1024)) {
            // finish() rather than close(): the caller owns out
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            XMLStreamWriter w = QdaXml.writer(qde);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Project");
            w.writeDefaultNamespace(QdaXml.PROJECT_NS);
            w.writeAttribute("name", projectName);
            w.writeAttribute("origin", QdaXml.ORIGIN);
            w.writeAttribute("creationDateTime", QdaXml.timestamp(createdAt));
            w.writeAttribute("modifiedDateTime", QdaXml.timestamp(Instant.now()));

            if (!usernames.isEmpty()) {
                w.writeStartElement("Users");
                for (String username : usernames) {
                    w.writeEmptyElement("User");
                    w.writeAttribute("guid", userGuid(username));
                    w.writeAttribute("name", username.startsWith(NAMED_CODER_PREFIX)
                            ? username.substring(NAMED_CODER_PREFIX.length()) : username);
                }
                w.writeEndElement();
            }
            if (!codes.isEmpty()) {
                w.writeStartElement("CodeBook");
                w.writeStartElement("Codes");
                QdaXml.writeCodes(w, codes, null, codeNotes);
                w.writeEndElement();
                w.writeEndElement();
            }
            if (!variables.isEmpty()) {
                w.writeStartElement("Variables");
                for (String v : variables) {
                    w.writeEmptyElement("Variable");
                    w.writeAttribute("guid", variableGuid(projectId, v));
                    w.writeAttribute("name", v);
                    w.writeAttribute("typeOfVariable", "Text");
                }
                w.writeEndElement();
            }
            if (!cases.isEmpty()) {
                w.writeStartElement("Cases");
                for (ResearchCase c : cases) {
                    w.writeStartElement("Case");
                    w.writeAttribute("guid", QdaXml.guid("case", c.id));
                    w.writeAttribute("name", c.name);
                    writeValues(w, projectId, c.attributes);
                    for (DocumentRow d : documents) {
                        if (c.id.equals(d.caseId())) {
                            w.writeEmptyElement("SourceRef");
                            w.writeAttribute("targetGUID", QdaXml.guid("document", d.id()));
                        }
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            if (!documents.isEmpty()) {
                w.writeStartElement("Sources");
                int done = 0;
                for (Document d : inChunks(documents)) {
                    String guid = QdaXml.guid("document", d.id);
                    w.writeStartElement("TextSource");
                    w.writeAttribute("guid", guid);
                    w.writeAttribute("name", d.title);
                    w.writeAttribute("plainTextPath", "internal://" + guid + ".txt");
                    w.writeAttribute("creatingUser", userGuid(importers.get(d.importedBy)));
                    w.writeAttribute("creationDateTime", QdaXml.timestamp(d.importedAt));
                    for (CodingView c : codingsByDocument.getOrDefault(d.id, List.of())) {
                        w.writeStartElement("PlainTextSelection");
                        w.writeAttribute("guid", QdaXml.guid("selection", c.id()));
                        w.writeAttribute("startPosition", Integer.toString(Positions.toCodePoints(d.text, c.start())));
                        w.writeAttribute("endPosition", Integer.toString(Positions.toCodePoints(d.text, c.end())));
                        w.writeAttribute("creatingUser", userGuid(c.coder()));
                        w.writeAttribute("creationDateTime", QdaXml.timestamp(c.createdAt()));
                        w.writeStartElement("Coding");
                        w.writeAttribute("guid", QdaXml.guid("coding", c.id()));
                        w.writeAttribute("creatingUser", userGuid(c.coder()));
                        w.writeAttribute("creationDateTime", QdaXml.timestamp(c.createdAt()));
                        w.writeEmptyElement("CodeRef");
                        w.writeAttribute("targetGUID", QdaXml.guid("code", c.codeId()));
                        writeNoteRefs(w, noteRefs.get(Memo.Target.CODING + "/" + c.id()));
                        w.writeEndElement();
                        w.writeEndElement();
                    }
                    writeNoteRefs(w, noteRefs.get(Memo.Target.DOCUMENT + "/" + d.id));
                    writeValues(w, projectId, d.attributes);
                    w.writeEndElement();
                    zip.putNextEntry(new ZipEntry("sources/" + guid + ".txt"));
                    zip.write(d.text.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                    Document.getEntityManager().detach(d); // its text is written: let it go
                    progress.accept(10 + 80 * ++done / documents.size());
                }
                w.writeEndElement();
            }
            if (!notes.isEmpty()) {
                w.writeStartElement("Notes");
                for (MemoView m : notes) {
                    w.writeStartElement("Note");
                    w.writeAttribute("guid", QdaXml.guid("note", m.id()));
                    if (m.title() != null && !m.title().isBlank()) {
                        w.writeAttribute("name", m.title());
                    }
                    w.writeAttribute("creatingUser", userGuid(m.author()));
                    w.writeAttribute("creationDateTime", QdaXml.timestamp(m.createdAt()));
                    QdaXml.element(w, "PlainTextContent", m.body());
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            if (description != null && !description.isBlank()) {
                QdaXml.element(w, "Description", description);
            }
            writeNoteRefs(w, noteRefs.get(Memo.Target.PROJECT + "/" + projectId));
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
            qde.flush();
            zip.putNextEntry(new ZipEntry("project.qde"));
            Files.copy(qdeFile, zip);
            zip.closeEntry();
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        } finally {
            ExportSpool.delete(qdeFile);
        }
        progress.accept(100);
    }

    /** What project.qde needs of a document before its text: no text, no attributes. */
    public record DocumentRow(Long id, Long caseId, long importedBy) {
    }

    /** How many document texts are held at once while they are written. */
    static final int DOCUMENTS_PER_READ = 50;

    /** The documents, in order, read {@link #DOCUMENTS_PER_READ} at a time as the iteration reaches them. */
    private static Iterable<Document> inChunks(List<DocumentRow> rows) {
        return () -> java.util.stream.IntStream.iterate(0, i -> i < rows.size(), i -> i + DOCUMENTS_PER_READ)
                .mapToObj(from -> {
                    List<Long> ids = rows.subList(from, Math.min(rows.size(), from + DOCUMENTS_PER_READ)).stream()
                            .map(DocumentRow::id).toList();
                    return Document.<Document>list("id in ?1 order by id", ids);
                })
                .flatMap(List::stream).iterator();
    }

    String fileName(long projectId) {
        return ((Project) Project.findById(projectId)).name;
    }

    static String userGuid(String username) {
        return java.util.UUID.nameUUIDFromBytes(("margin/user/" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String variableGuid(long projectId, String name) {
        return java.util.UUID.nameUUIDFromBytes(("margin/variable/" + projectId + "/" + name)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void writeValues(XMLStreamWriter w, long projectId, Map<String, String> attributes)
            throws XMLStreamException {
        for (Map.Entry<String, String> a : new TreeMap<>(attributes).entrySet()) {
            w.writeStartElement("VariableValue");
            w.writeEmptyElement("VariableRef");
            w.writeAttribute("targetGUID", variableGuid(projectId, a.getKey()));
            QdaXml.element(w, "TextValue", a.getValue());
            w.writeEndElement();
        }
    }

    private static void writeNoteRefs(XMLStreamWriter w, List<String> guids) throws XMLStreamException {
        if (guids == null) {
            return;
        }
        for (String g : guids) {
            w.writeEmptyElement("NoteRef");
            w.writeAttribute("targetGUID", g);
        }
    }
}
