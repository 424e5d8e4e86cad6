package app.margin.analysis;

import app.margin.analysis.AnalysisDtos.AttributeMatrixView;
import app.margin.analysis.AnalysisDtos.CodeLabel;
import app.margin.analysis.AnalysisDtos.CooccurrenceView;
import app.margin.analysis.AnalysisDtos.DocumentLabel;
import app.margin.analysis.AnalysisDtos.DocumentMatrixView;
import app.margin.analysis.CsvMatrix.Cell;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Co-occurrence matrices as JSON, or as CSV or XLSX when the client asks for text/csv or the XLSX media type. */
@Path("/api/v1/projects/{pid}")
@Tag(name = "Analysis")
public class AnalysisResource {
    static final String CSV = "text/csv";

    private final AnalysisService analysis;

    AnalysisResource(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @GET
    @Path("/cooccurrence")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Code × code co-occurrence: overlap, same unit, or within N words; narrowed by a search query")
    public CooccurrenceView codes(@PathParam("pid") long pid, @QueryParam("mode") String mode,
            @QueryParam("unit") String unit, @QueryParam("distance") Integer distance, @QueryParam("q") String q) {
        return analysis.cooccurrence(pid, mode, unit, distance, q);
    }

    @GET
    @Path("/cooccurrence/pairs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The segment pairs one code × code cell counts (first × second), with the matrix's mode, unit, distance and query")
    public AnalysisDtos.CellPairsView pairs(@PathParam("pid") long pid, @QueryParam("first") Long first,
            @QueryParam("second") Long second, @QueryParam("mode") String mode, @QueryParam("unit") String unit,
            @QueryParam("distance") Integer distance, @QueryParam("q") String q, @QueryParam("limit") Integer limit) {
        return analysis.cellPairs(pid, first, second, mode, unit, distance, q, limit);
    }

    @GET
    @Path("/cooccurrence")
    @Produces(CSV)
    public String codesCsv(@PathParam("pid") long pid, @QueryParam("mode") String mode, @QueryParam("unit") String unit,
            @QueryParam("distance") Integer distance, @QueryParam("q") String q, @QueryParam("cell") String cell) {
        CooccurrenceView view = analysis.cooccurrence(pid, mode, unit, distance, q);
        CodeMatrix matrix = new CodeMatrix(view.codes().stream().map(CodeLabel::id).toList(), view.matrix(), view.documents());
        return csv(() -> CsvMatrix.codes(matrix, names(view.codes()), cell(cell, Cell.SEGMENTS)));
    }

    @GET
    @Path("/cooccurrence")
    @Produces(XlsxMatrix.MEDIA_TYPE)
    public StreamingOutput codesXlsx(@PathParam("pid") long pid, @QueryParam("mode") String mode, @QueryParam("unit") String unit,
            @QueryParam("distance") Integer distance, @QueryParam("q") String q, @QueryParam("cell") String cell) {
        return XlsxMatrix.fromCsv(codesCsv(pid, mode, unit, distance, q, cell), "Code x code");
    }

    @GET
    @Path("/cooccurrence/attributes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Code × case attribute: segments and documents per code and attribute value, with row and column percentages")
    public AttributeMatrixView attributes(@PathParam("pid") long pid, @QueryParam("attribute") String attribute,
            @QueryParam("q") String q) {
        return analysis.byAttribute(pid, attribute, q);
    }

    @GET
    @Path("/cooccurrence/attributes")
    @Produces(CSV)
    public String attributesCsv(@PathParam("pid") long pid, @QueryParam("attribute") String attribute,
            @QueryParam("q") String q, @QueryParam("cell") String cell) {
        AttributeMatrixView v = analysis.byAttribute(pid, attribute, q);
        AttributeMatrix matrix = new AttributeMatrix(v.codes().stream().map(CodeLabel::id).toList(), v.values(),
                v.segments(), v.documents(), v.rowPercent(), v.columnPercent());
        return csv(() -> CsvMatrix.attributes(matrix, names(v.codes()), cell(cell, Cell.SEGMENTS)));
    }

    @GET
    @Path("/cooccurrence/attributes")
    @Produces(XlsxMatrix.MEDIA_TYPE)
    public StreamingOutput attributesXlsx(@PathParam("pid") long pid, @QueryParam("attribute") String attribute,
            @QueryParam("q") String q, @QueryParam("cell") String cell) {
        return XlsxMatrix.fromCsv(attributesCsv(pid, attribute, q, cell), "Code x attribute");
    }

    @GET
    @Path("/cooccurrence/documents")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Code × document: segments per code and document, with row and column percentages")
    public DocumentMatrixView documents(@PathParam("pid") long pid, @QueryParam("q") String q) {
        return analysis.byDocument(pid, q);
    }

    @GET
    @Path("/cooccurrence/documents")
    @Produces(CSV)
    public String documentsCsv(@PathParam("pid") long pid, @QueryParam("q") String q, @QueryParam("cell") String cell) {
        DocumentMatrixView v = analysis.byDocument(pid, q);
        DocumentMatrix matrix = new DocumentMatrix(v.codes().stream().map(CodeLabel::id).toList(),
                v.documents().stream().map(DocumentLabel::id).toList(), v.segments(), v.rowPercent(), v.columnPercent());
        return csv(() -> CsvMatrix.documents(matrix, names(v.codes()),
                v.documents().stream().collect(Collectors.toMap(DocumentLabel::id, DocumentLabel::title)), cell(cell, Cell.SEGMENTS)));
    }

    @GET
    @Path("/cooccurrence/documents")
    @Produces(XlsxMatrix.MEDIA_TYPE)
    public StreamingOutput documentsXlsx(@PathParam("pid") long pid, @QueryParam("q") String q, @QueryParam("cell") String cell) {
        return XlsxMatrix.fromCsv(documentsCsv(pid, q, cell), "Code x document");
    }

    @GET
    @Path("/keywords")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Words characteristic of a code: over-represented in its segments against the rest (log-likelihood)")
    public AnalysisDtos.KeywordsView keywords(@PathParam("pid") long pid, @QueryParam("codeId") Long codeId,
            @QueryParam("q") String q, @QueryParam("limit") Integer limit) {
        return analysis.keywords(pid, codeId, q, limit);
    }

    /** A cell kind the matrix does not hold (document counts of code × document) is a bad request. */
    private static String csv(java.util.function.Supplier<String> render) {
        try {
            return render.get();
        } catch (IllegalArgumentException e) {
            throw app.margin.problem.ProblemException.badRequest("This matrix has no such cells: " + e.getMessage() + ".");
        }
    }

    private static Map<Long, String> names(java.util.List<CodeLabel> codes) {
        return codes.stream().collect(Collectors.toMap(CodeLabel::id, CodeLabel::path));
    }

    private static Cell cell(String value, Cell fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Cell.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw app.margin.problem.ProblemException.badRequest(
                    "cell is segments, documents, row_percent or column_percent, not ‘" + value + "’.");
        }
    }
}
