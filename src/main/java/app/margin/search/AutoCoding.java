package app.margin.search;

import app.margin.coding.CodingBatches;
import app.margin.coding.CodingBatches.BatchResult;
import app.margin.coding.CodingBatches.Plan;
import app.margin.coding.CodingBatches.Range;
import app.margin.problem.Params;
import app.margin.problem.ProblemException;
import app.margin.search.SearchDtos.HitUnit;
import app.margin.search.SearchDtos.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Applies a code to every hit of a search (at the chosen unit) in the caller's own layer, as one undoable batch. */
@ApplicationScoped
public class AutoCoding {
    private final SearchService search;
    private final CodingBatches batches;

    AutoCoding(SearchService search, CodingBatches batches) {
        this.search = search;
        this.batches = batches;
    }

    /** What to auto-code: the search (as on the search page) and the code to apply. */
    public record AutoCodeRequest(String q, String scope, String code, String unit, Long codeId) {
    }

    public Plan preview(long projectId, AutoCodeRequest request) {
        return batches.plan(projectId, codeId(request), ranges(projectId, request));
    }

    public BatchResult apply(long projectId, AutoCodeRequest request) {
        return batches.add(projectId, codeId(request), ranges(projectId, request), "auto-coded from search: " + request.q());
    }

    private List<Range> ranges(long projectId, AutoCodeRequest request) {
        if (request.q() == null || request.q().isBlank()) {
            throw ProblemException.badRequest("Auto-coding needs a query (q): it codes what the query finds.");
        }
        HitUnit unit = Params.enumOrNull(HitUnit.class, request.unit(), "unit");
        SearchService.PreparedSearch prepared = search.prepare(projectId, request.q(),
                Params.enumOrNull(Scope.class, request.scope(), "scope"), request.code());
        return search.extents(projectId, prepared, unit == null ? HitUnit.TURN : unit).stream()
                .map(e -> new Range(e.documentId(), e.start(), e.end())).toList();
    }

    private static long codeId(AutoCodeRequest request) {
        if (request.codeId() == null) {
            throw ProblemException.badRequest("Say which code to apply (codeId).");
        }
        return request.codeId();
    }
}
