package app.margin.corpus;

import app.margin.audit.ProjectStateTags;
import app.margin.corpus.DocumentDtos.DocumentSummary;
import app.margin.corpus.DocumentDtos.DocumentView;
import app.margin.corpus.DocumentDtos.UpdateDocumentRequest;
import app.margin.corpus.ImportDtos.ImportDefaults;
import app.margin.corpus.ImportDtos.ImportManifest;
import app.margin.corpus.ImportDtos.ImportResult;
import app.margin.corpus.ImportDtos.IncomingFile;
import app.margin.problem.JsonErrors;
import app.margin.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/projects/{pid}/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
public class DocumentResource {
    private final ImportService imports;
    private final DocumentService documents;
    private final ObjectMapper json;
    private final ProjectStateTags tags;

    DocumentResource(ImportService imports, DocumentService documents, ObjectMapper json, ProjectStateTags tags) {
        this.tags = tags;
        this.imports = imports;
        this.documents = documents;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import one or more files (TXT, MD, HTML, DOCX, PDF, VTT, SRT)",
            description = "Form parts: 'file' (repeatable), optional 'kind' (TRANSCRIPT, FIELD_NOTE, OTHER), 'title' "
                    + "(single file only), 'language', 'case', 'date' (YYYY-MM-DD), 'place', 'author', and "
                    + "'manifest' (JSON, schemas/import-manifest.schema.json) describing each file by name. "
                    + "201 with {imported, failed}; 400/413 when no file could be imported.")
    public Response importFiles(@PathParam("pid") long pid,
            @RestForm("file") List<FileUpload> files,
            @RestForm String kind, @RestForm String title, @RestForm String language,
            @RestForm("case") String caseName, @RestForm String date, @RestForm String place,
            @RestForm String author, @RestForm String manifest) {
        List<IncomingFile> incoming = files == null ? List.of() : files.stream()
                .map(f -> new IncomingFile(f.fileName(), f.size(), () -> Files.readAllBytes(f.uploadedFile())))
                .toList();
        ImportDefaults defaults = new ImportDefaults(parseKind(kind), title, language, caseName, date, place, author);
        ImportResult result = imports.importFiles(pid, incoming, defaults, parseManifest(manifest));
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    @GET
    @Operation(summary = "Documents of the project (without their text)",
            description = "With an ETag: send it as If-None-Match and an unchanged list is 304.")
    @APIResponse(responseCode = "200", description = "The documents",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DocumentSummary.class)))
    public Response list(@PathParam("pid") long pid, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return tags.answer(pid, ifNoneMatch, () -> documents.list(pid), "documents-1");
    }

    @GET
    @Path("/{did}")
    @Operation(summary = "One document with its text and units (speaker turns or paragraphs, UTF-16 offsets)")
    public DocumentView get(@PathParam("pid") long pid, @PathParam("did") long did) {
        return documents.get(pid, did);
    }

    @PATCH
    @Path("/{did}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a document's metadata (title, case, date, place, author, language); never its text")
    public DocumentView update(@PathParam("pid") long pid, @PathParam("did") long did,
            @Valid UpdateDocumentRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("Send the metadata to change as a JSON object.");
        }
        return documents.update(pid, did, request);
    }

    @DELETE
    @Path("/{did}")
    @Operation(summary = "Delete a document with its codings and memos (SUPERVISOR, OWNER)")
    public Response delete(@PathParam("pid") long pid, @PathParam("did") long did) {
        documents.delete(pid, did);
        return Response.noContent().build();
    }

    private static DocumentKind parseKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return DocumentKind.valueOf(kind.strip().toUpperCase().replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("‘" + kind + "’ is not a document kind; use TRANSCRIPT, FIELD_NOTE or OTHER.");
        }
    }

    private ImportManifest parseManifest(String manifest) {
        if (manifest == null || manifest.isBlank()) {
            return null;
        }
        try {
            return json.readValue(manifest, ImportManifest.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("The import manifest is not valid: " + JsonErrors.describe(e)
                    + " See schemas/import-manifest.schema.json.");
        }
    }
}
