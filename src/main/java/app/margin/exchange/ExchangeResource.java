package app.margin.exchange;

import app.margin.coding.CodingLayer;
import app.margin.exchange.ExchangeDtos.ImportResult;
import app.margin.exchange.ExchangeDtos.SegmentExport;
import app.margin.exchange.ExchangeDtos.SegmentFilter;
import app.margin.identity.CurrentCaller;
import app.margin.problem.Params;
import app.margin.problem.ProblemException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/projects")
@Tag(name = "Exports and REFI-QDA exchange")
public class ExchangeResource {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final SegmentExportService segments;
    private final CodebookExportService codebook;
    private final QdpxExportService qdpx;
    private final QdpxImportService importer;
    private final ExchangeJobs jobs;
    private final ExportSpool spool;
    private final CurrentCaller caller;

    ExchangeResource(SegmentExportService segments, CodebookExportService codebook, QdpxExportService qdpx,
            QdpxImportService importer, ExchangeJobs jobs, ExportSpool spool, CurrentCaller caller) {
        this.spool = spool;
        this.segments = segments;
        this.codebook = codebook;
        this.qdpx = qdpx;
        this.importer = importer;
        this.jobs = jobs;
        this.caller = caller;
    }

    @GET
    @Path("/{pid}/export/segments")
    @Operation(summary = "Coded segments for a paper as CSV, XLSX, DOCX or Markdown",
            description = "format=csv|xlsx|docx|md (default csv); codeId (repeatable; sub-codes included unless "
                    + "subcodes=false); documentId (repeatable); attr=name:value (repeatable; names AND-ed, values "
                    + "of one name OR-ed); layer=MASTER (default) or CODER with optional coder=username; "
                    + "cite=attribute names for the citation (comma-separated or repeated; 'case' is the case name); "
                    + "q=a search query: only segments it finds (Margin's query language).")
    public Response segments(@PathParam("pid") long pid, @QueryParam("format") @DefaultValue("csv") String format,
            @QueryParam("codeId") List<Long> codeIds, @QueryParam("subcodes") @DefaultValue("true") boolean subcodes,
            @QueryParam("documentId") List<Long> documentIds, @QueryParam("attr") List<String> attributes,
            @QueryParam("layer") String layer, @QueryParam("coder") String coder,
            @QueryParam("cite") List<String> cite, @QueryParam("q") String q) {
        SegmentFilter filter = new SegmentFilter(codeIds, subcodes, documentIds, attributeFilters(attributes),
                Params.enumOrNull(CodingLayer.class, layer, "layer"), coder, names(cite), q);
        return stream(segmentFile(pid, filter, Format.of(format, "csv", "xlsx", "docx", "md")));
    }

    /** The segments are collected now (and a Word document too large refused now); the file is written later. */
    private ExportFile segmentFile(long pid, SegmentFilter filter, Format f) {
        SegmentExport export = segments.export(pid, filter);
        ExportFile.Body body = switch (f) {
            case CSV -> out -> SegmentWriters.csv(export, out);
            case XLSX -> out -> SegmentWriters.xlsx(export, out);
            case DOCX -> {
                SegmentWriters.requireDocxFits(export, SegmentWriters.DOCX_MAX_QUOTES);
                yield out -> SegmentWriters.docx(export, out);
            }
            case MD -> out -> SegmentWriters.markdown(export, out);
            default -> throw new IllegalStateException();
        };
        return file(body, f, export.projectName() + " segments");
    }

    private ExportFile codebookFile(long pid, Format f) {
        ExportFile.Body body = switch (f) {
            case CSV -> codebook.csv(pid);
            case DOCX -> codebook.docx(pid);
            case QDC -> codebook.qdc(pid);
            default -> throw new IllegalStateException();
        };
        return file(body, f, codebook.projectName(pid) + " codebook");
    }

    private ExportFile qdpxFile(long pid, java.util.function.IntConsumer progress) {
        return file(out -> qdpx.export(pid, out, progress), Format.QDPX, qdpx.fileName(pid));
    }

    @POST
    @Path("/{pid}/export/jobs")
    @Operation(summary = "Start an export in the background: 202 with a job to poll at /api/v1/exchange/jobs/{id}",
            description = "type=segments (with the parameters of GET export/segments), codebook (format=csv|docx|qdc) "
                    + "or qdpx. The file is downloaded from /api/v1/exchange/jobs/{id}/result when the job is DONE.")
    public Response startExport(@PathParam("pid") long pid, @QueryParam("type") String type,
            @QueryParam("format") @DefaultValue("csv") String format,
            @QueryParam("codeId") List<Long> codeIds, @QueryParam("subcodes") @DefaultValue("true") boolean subcodes,
            @QueryParam("documentId") List<Long> documentIds, @QueryParam("attr") List<String> attributes,
            @QueryParam("layer") String layer, @QueryParam("coder") String coder,
            @QueryParam("cite") List<String> cite, @QueryParam("q") String q) {
        String kind = type == null ? "" : type.strip().toLowerCase(java.util.Locale.ROOT);
        ExchangeJobs.Work work = switch (kind) {
            case "segments" -> {
                SegmentFilter filter = new SegmentFilter(codeIds, subcodes, documentIds, attributeFilters(attributes),
                        Params.enumOrNull(CodingLayer.class, layer, "layer"), coder, names(cite), q);
                Format f = Format.of(format, "csv", "xlsx", "docx", "md");
                yield progress -> jobs.spooled(segmentFile(pid, filter, f));
            }
            case "codebook" -> {
                Format f = Format.of(format, "csv", "docx", "qdc");
                yield progress -> jobs.spooled(codebookFile(pid, f));
            }
            case "qdpx" -> progress -> jobs.spooled(qdpxFile(pid, progress));
            default -> throw ProblemException.badRequest("Say what to export: type=segments, codebook or qdpx.");
        };
        // check access now, so a refusal is an answer rather than a failed job
        codebook.projectName(pid);
        return Response.accepted(jobs.start("export-" + kind, caller.user(), work)).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/import/qdpx/jobs")
    @Operation(summary = "Start a .qdpx import in the background: 202 with a job; its result is {projectId, report}")
    public Response startImport(@RestForm("file") FileUpload file, @RestForm String layer,
            @RestForm("userMap") List<String> userMap) throws java.io.IOException {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.badRequest("No file was attached. Send the .qdpx file in a form part named 'file'.");
        }
        CodingLayer chosen = Params.enumOrNull(CodingLayer.class, layer, "layer");
        UserMap.parse(userMap); // a malformed entry is refused now rather than as a failed job
        // the upload's temporary file is deleted when this request ends: the job keeps its own copy
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("margin-import-", ".qdpx");
        java.nio.file.Files.copy(file.uploadedFile(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String name = file.fileName();
        return Response.accepted(jobs.start("import-qdpx", caller.user(), progress -> {
            try {
                return new ExchangeJobs.Output(null, null, null, importer.importFile(copy, name, chosen, userMap, progress));
            } finally {
                try {
                    java.nio.file.Files.deleteIfExists(copy);
                } catch (java.io.IOException e) {
                    io.quarkus.logging.Log.warnf("Could not delete the temporary import file %s", copy);
                }
            }
        })).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{pid}/export/codebook")
    @Operation(summary = "The codebook as CSV, DOCX or REFI-QDA codebook (format=csv|docx|qdc)")
    public Response codebook(@PathParam("pid") long pid, @QueryParam("format") @DefaultValue("csv") String format) {
        Format f = Format.of(format, "csv", "docx", "qdc");
        // XML is spooled first: a character it cannot carry is refused as it is written, and must not cut a download
        return f == Format.QDC ? spooled(codebookFile(pid, f)) : stream(codebookFile(pid, f));
    }

    @GET
    @Path("/{pid}/export/qdpx")
    @Produces("application/zip")
    @Operation(summary = "The whole project as a REFI-QDA project exchange file (.qdpx)")
    public Response exportQdpx(@PathParam("pid") long pid) {
        return spooled(qdpxFile(pid, p -> { }));
    }

    @POST
    @Path("/import/qdpx")
    @Operation(summary = "Import a REFI-QDA project (.qdpx) into a new project; the caller becomes its owner",
            description = "Multipart part 'file'; optional 'layer': MASTER (default) puts every imported coding in "
                    + "the master layer, CODER puts each coding in its coder's own layer; optional 'userMap' (repeatable, "
                    + "or one entry per line): <file user's GUID or name>=<your user name> credits that user's codings "
                    + "and notes to you; every other user of the file becomes a named coder qdpx:<name>. "
                    + "201 {projectId, report}; 503 with Retry-After while other imports hold too much unpacked.")
    public Response importQdpx(@RestForm("file") FileUpload file, @RestForm String layer,
            @RestForm("userMap") List<String> userMap) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.badRequest("No file was attached. Send the .qdpx file in a form part named 'file'.");
        }
        ImportResult result = importer.importFile(file.uploadedFile(), file.fileName(),
                Params.enumOrNull(CodingLayer.class, layer, "layer"), userMap);
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON).entity(result).build();
    }

    static ExportFile file(ExportFile.Body body, Format format, String baseName) {
        String safe = baseName.replaceAll("[^\\p{L}\\p{N} ._-]+", "").strip().replace(' ', '-');
        return new ExportFile((safe.isEmpty() ? "margin" : safe) + "." + format.extension, format.mediaType, body);
    }

    /** Writes the file straight into the response. */
    private static Response stream(ExportFile file) {
        return download(file.fileName(), file.mediaType(), file.body()::writeTo);
    }

    /** Writes the file to the spool now (so a refusal while writing is still a problem answer), then sends it. */
    private Response spooled(ExportFile file) {
        java.nio.file.Path written = spool.write(file.body());
        return sized(download(file.fileName(), file.mediaType(), out -> {
            try {
                java.nio.file.Files.copy(written, out);
            } finally {
                ExportSpool.delete(written);
            }
        }), written);
    }

    /** A file's download with its length, as a byte array's had: browsers then show how far the download is. */
    static Response sized(Response download, java.nio.file.Path file) {
        try {
            return Response.fromResponse(download).header("Content-Length", java.nio.file.Files.size(file)).build();
        } catch (java.io.IOException e) {
            return download;
        }
    }

    static Response download(String name, String mediaType, StreamingOutput body) {
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(body, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    /** "gender:woman" → {gender: [woman]}. */
    static Map<String, List<String>> attributeFilters(List<String> values) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String v : values == null ? List.<String>of() : values) {
            int colon = v.indexOf(':');
            if (colon <= 0 || colon == v.length() - 1) {
                throw ProblemException.badRequest("Write an attribute filter as name:value, e.g. attr=gender:woman "
                        + "(got ‘" + v + "’).");
            }
            filters.computeIfAbsent(v.substring(0, colon).strip(), k -> new ArrayList<>()).add(v.substring(colon + 1).strip());
        }
        return filters;
    }

    static List<String> names(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** Download formats with their media types and file extensions. */
    enum Format {
        CSV("text/csv; charset=UTF-8", "csv"), XLSX(ExchangeResource.XLSX, "xlsx"), DOCX(ExchangeResource.DOCX, "docx"),
        MD("text/markdown; charset=UTF-8", "md"), QDC("application/xml", "qdc"), QDPX("application/zip", "qdpx");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        static Format of(String value, String... allowed) {
            String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
            if (!List.of(allowed).contains(v)) {
                throw ProblemException.badRequest("Unknown format ‘" + value + "’; choose one of "
                        + String.join(", ", allowed) + ".");
            }
            return valueOf(v.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
