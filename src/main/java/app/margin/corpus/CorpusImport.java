package app.margin.corpus;

import app.margin.corpus.importer.TextUnit;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import app.margin.problem.TextLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Documents and cases added by a project import (REFI-QDA), under the rules of {@link ImportService}: the caller may
 * manage the corpus, titles are present and fit, units lie inside the text, attribute names are normalised and values
 * fit. The document is attributed to the caller. No audit event per document: the import records one event for the
 * whole project, naming the documents (the search index reads it).
 */
@ApplicationScoped
@Transactional
public class CorpusImport {
    /** A text already read; {@code attributes} by normalised name ({@link AttributeNames}). */
    public record ImportedDocument(String title, String text, DocumentKind kind, String language, List<TextUnit> units,
            String sourceFileName, String sourceFormat, String sourceSha256, Map<String, String> attributes) {
    }

    /** A case of the import; {@code existed} when the project already had a case of that name (it was reused). */
    public record ImportedCase(long id, boolean existed) {
    }

    private final ProjectAccess access;

    CorpusImport(ProjectAccess access) {
        this.access = access;
    }

    /** Stores one document with its units; returns its id. */
    public long importDocument(long projectId, ImportedDocument d) {
        Grant grant = access.require(projectId, Permission.MANAGE_CORPUS);
        if (d.title() == null || d.title().isBlank() || d.title().length() > TextLimits.DOCUMENT_TITLE) {
            throw ProblemException.badRequest("A document needs a title of at most " + TextLimits.DOCUMENT_TITLE
                    + " characters.");
        }
        for (TextUnit unit : d.units()) {
            if (unit.start() < 0 || unit.end() > d.text().length() || unit.start() > unit.end()) {
                throw new IllegalArgumentException("a unit lies outside its document's text");
            }
        }
        Document doc = new Document();
        doc.projectId = projectId;
        doc.title = d.title();
        doc.text = d.text();
        doc.textLength = d.text().length();
        doc.kind = d.kind();
        doc.language = d.language();
        doc.sourceFileName = d.sourceFileName();
        doc.sourceFormat = d.sourceFormat();
        doc.sourceSha256 = d.sourceSha256();
        doc.attributes.putAll(fitting(d.attributes()));
        doc.importedBy = grant.userId();
        doc.importedAt = Instant.now();
        doc.persist();
        DocumentUnit.insertAll(doc.id, d.units());
        // Written now and let go: an import of hundreds of transcripts would otherwise keep every text in the
        // session until its commit, a second copy beside the archive's.
        doc.flush();
        Document.getEntityManager().detach(doc);
        return doc.id;
    }

    /** The case with this name, created when the project lacks it; the attributes are added to it. */
    public ImportedCase importCase(long projectId, String name, Map<String, String> attributes) {
        access.require(projectId, Permission.MANAGE_CORPUS);
        if (name == null || name.isBlank() || name.length() > TextLimits.CASE_NAME) {
            throw ProblemException.badRequest("A case needs a name of at most " + TextLimits.CASE_NAME + " characters.");
        }
        ResearchCase rc = ResearchCase.findByName(projectId, name).orElse(null);
        boolean existed = rc != null;
        if (rc == null) {
            rc = new ResearchCase();
            rc.projectId = projectId;
            rc.name = name;
        }
        rc.attributes.putAll(fitting(attributes));
        rc.persist();
        return new ImportedCase(rc.id, existed);
    }

    /** Puts a document of the project into a case of the project. */
    public void putInCase(long projectId, long documentId, long caseId) {
        access.require(projectId, Permission.MANAGE_CORPUS);
        ResearchCase rc = ResearchCase.findById(caseId);
        if (rc == null || rc.projectId != projectId) {
            throw ProblemException.notFound("There is no case " + caseId + " in this project.");
        }
        // An update, not a load: the document's text need not come back into the session.
        if (Document.update("caseId = ?1 where id = ?2 and projectId = ?3", caseId, documentId, projectId) != 1) {
            throw ProblemException.notFound("There is no document " + documentId + " in this project.");
        }
    }

    private static Map<String, String> fitting(Map<String, String> attributes) {
        attributes.forEach((name, value) -> {
            if (!name.equals(AttributeNames.normalise(name)) || value.length() > TextLimits.ATTRIBUTE_VALUE) {
                throw ProblemException.badRequest("An attribute name must be normalised and its value at most "
                        + TextLimits.ATTRIBUTE_VALUE + " characters.");
            }
        });
        return attributes;
    }
}
