package app.margin.exchange;

import app.margin.coding.CodingLayer;
import app.margin.exchange.ExchangeDtos.ImportResult;
import app.margin.exchange.ExchangeDtos.SegmentExport;
import app.margin.exchange.ExchangeDtos.SegmentFilter;
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

    ExchangeResource(SegmentExportService segments, CodebookExportService codebook, QdpxExportService qdpx,
            QdpxImportService importer) {
        this.segments = segments;
        this.codebook = codebook;
        this.qdpx = qdpx;
        this.importer = importer;
    }

    @GET
    @Path("/{pid}/export/segments")
    @Operation(summary = "Coded segments for a paper as CSV, XLSX, DOCX or Markdown",
            description = "format=csv|xlsx|docx|md (default csv); codeId (repeatable; sub-codes included unless "
                    + "subcodes=false); documentId (repeatable); attr=name:value (repeatable; names AND-ed, values "
                    + "of one name OR-ed); layer=MASTER (default) or CODER with optional coder=username; "
                    + "cite=attribute names for the citation (comma-separated or repeated; 'case' is the case name).")
    public Response segments(@PathParam("pid") long pid, @QueryParam("format") @DefaultValue("csv") String format,
            @QueryParam("codeId") List<Long> codeIds, @QueryParam("subcodes") @DefaultValue("true") boolean subcodes,
            @QueryParam("documentId") List<Long> documentIds, @QueryParam("attr") List<String> attributes,
            @QueryParam("layer") String layer, @QueryParam("coder") String coder,
            @QueryParam("cite") List<String> cite) {
        SegmentFilter filter = new SegmentFilter(codeIds, subcodes, documentIds, attributeFilters(attributes),
                Params.enumOrNull(CodingLayer.class, layer, "layer"), coder, names(cite), null);
        Format f = Format.of(format, "csv", "xlsx", "docx", "md");
        SegmentExport export = segments.export(pid, filter);
        byte[] body = switch (f) {
            case CSV -> SegmentWriters.csv(export);
            case XLSX -> SegmentWriters.xlsx(export);
            case DOCX -> SegmentWriters.docx(export);
            case MD -> SegmentWriters.markdown(export);
            default -> throw new IllegalStateException();
        };
        return download(body, f, export.projectName() + " segments");
    }

    @GET
    @Path("/{pid}/export/codebook")
    @Operation(summary = "The codebook as CSV, DOCX or REFI-QDA codebook (format=csv|docx|qdc)")
    public Response codebook(@PathParam("pid") long pid, @QueryParam("format") @DefaultValue("csv") String format) {
        Format f = Format.of(format, "csv", "docx", "qdc");
        byte[] body = switch (f) {
            case CSV -> codebook.csv(pid);
            case DOCX -> codebook.docx(pid);
            case QDC -> codebook.qdc(pid);
            default -> throw new IllegalStateException();
        };
        return download(body, f, codebook.projectName(pid) + " codebook");
    }

    @GET
    @Path("/{pid}/export/qdpx")
    @Produces("application/zip")
    @Operation(summary = "The whole project as a REFI-QDA project exchange file (.qdpx)")
    public Response exportQdpx(@PathParam("pid") long pid) {
        byte[] body = qdpx.export(pid, p -> { });
        return download(body, Format.QDPX, qdpx.fileName(pid));
    }

    @POST
    @Path("/import/qdpx")
    @Operation(summary = "Import a REFI-QDA project (.qdpx) into a new project; the caller becomes its owner",
            description = "Multipart part 'file'; optional 'layer': MASTER (default) puts every imported coding in "
                    + "the master layer, CODER puts each coding in its coder's own layer. 201 {projectId, report}.")
    public Response importQdpx(@RestForm("file") FileUpload file, @RestForm String layer) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.badRequest("No file was attached. Send the .qdpx file in a form part named 'file'.");
        }
        ImportResult result = importer.importFile(file.uploadedFile(), file.fileName(),
                Params.enumOrNull(CodingLayer.class, layer, "layer"));
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON).entity(result).build();
    }

    static Response download(byte[] body, Format format, String baseName) {
        String safe = baseName.replaceAll("[^\\p{L}\\p{N} ._-]+", "").strip().replace(' ', '-');
        String name = (safe.isEmpty() ? "margin" : safe) + "." + format.extension;
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(body, format.mediaType)
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
