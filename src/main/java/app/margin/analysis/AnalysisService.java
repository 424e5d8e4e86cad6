package app.margin.analysis;

import app.margin.analysis.AnalysisDtos.AttributeMatrixView;
import app.margin.analysis.AnalysisDtos.CodeLabel;
import app.margin.analysis.AnalysisDtos.CooccurrenceView;
import app.margin.analysis.AnalysisDtos.DocumentLabel;
import app.margin.analysis.AnalysisDtos.DocumentMatrixView;
import app.margin.codebook.CodeDtos.CodeOutline;
import app.margin.codebook.CodebookService;
import app.margin.corpus.AttributeNames;
import app.margin.corpus.DocumentDtos.DocumentSummary;
import app.margin.corpus.DocumentService;
import app.margin.problem.Params;
import app.margin.problem.ProblemException;
import app.margin.search.SearchDtos.CodedSegment;
import app.margin.search.SearchDtos.Scope;
import app.margin.search.SearchService;
import app.margin.search.TermCounts;
import app.margin.analysis.AnalysisDtos.KeywordsView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Co-occurrence counts over the coded segments a caller may see, optionally narrowed by a search query (any filter
 * of the query language: attr.gender:female, coder:ana, kind:transcript…). Segments come from the search index;
 * the counting is {@link Cooccurrence}, {@link AttributeMatrix} and {@link DocumentMatrix}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AnalysisService {
    static final int DEFAULT_DISTANCE = 20;

    private final SearchService search;
    private final CodebookService codebook;
    private final DocumentService documents;

    AnalysisService(SearchService search, CodebookService codebook, DocumentService documents) {
        this.search = search;
        this.codebook = codebook;
        this.documents = documents;
    }

    /** The unit of same-unit co-occurrence: a speaker turn, a paragraph, a sentence or the whole document. */
    enum Unit { TURN, PARAGRAPH, SENTENCE, DOCUMENT }

    public CooccurrenceView cooccurrence(long projectId, String modeName, String unitName, Integer distance, String q) {
        CooccurrenceMode mode = Objects.requireNonNullElse(Params.enumOrNull(CooccurrenceMode.class, modeName, "mode"),
                CooccurrenceMode.OVERLAP);
        Unit unit = Objects.requireNonNullElse(Params.enumOrNull(Unit.class, unitName, "unit"), Unit.TURN);
        int words = distance == null ? DEFAULT_DISTANCE : distance;
        if (words < 0) {
            throw ProblemException.badRequest("distance is a number of words, 0 or more.");
        }
        List<CodeOutline> codes = codebook.outline(projectId);
        List<Segment> segments = segments(projectId, q, mode == CooccurrenceMode.UNIT && unit != Unit.DOCUMENT
                ? unit.name().toLowerCase(Locale.ROOT) : null);
        CodeMatrix matrix = compute(() -> Cooccurrence.compute(segments, ids(codes), mode, words));
        return new CooccurrenceView(mode.name().toLowerCase(Locale.ROOT), unit.name().toLowerCase(Locale.ROOT), words, q,
                segments.size(), labels(codes), matrix.segments(), matrix.documents());
    }

    public AttributeMatrixView byAttribute(long projectId, String attribute, String q) {
        if (attribute == null || attribute.isBlank()) {
            throw ProblemException.badRequest("Say which case attribute to cross with the codes (attribute=gender).");
        }
        String name = AttributeNames.normalise(attribute);
        List<CodeOutline> codes = codebook.outline(projectId);
        Map<Long, String> values = new HashMap<>();
        boolean known = false;
        for (DocumentSummary doc : documents.list(projectId)) {
            values.put(doc.id(), doc.attributes().get(name));
            known |= doc.attributes().containsKey(name);
        }
        if (!known) {
            throw ProblemException.badRequest("No document or case has the attribute ‘" + name + "’.");
        }
        List<Segment> segments = segments(projectId, q, null);
        AttributeMatrix m = compute(() -> AttributeMatrix.compute(segments, ids(codes), values));
        return new AttributeMatrixView(name, q, labels(codes), m.values(), m.segments(), m.documents(), m.rowPercent(),
                m.columnPercent());
    }

    public DocumentMatrixView byDocument(long projectId, String q) {
        List<CodeOutline> codes = codebook.outline(projectId);
        List<DocumentSummary> docs = documents.list(projectId);
        List<Segment> segments = segments(projectId, q, null);
        DocumentMatrix m = compute(() -> DocumentMatrix.compute(segments, ids(codes), docs.stream().map(DocumentSummary::id).toList()));
        return new DocumentMatrixView(q, labels(codes), docs.stream().map(d -> new DocumentLabel(d.id(), d.title())).toList(),
                m.segments(), m.rowPercent(), m.columnPercent());
    }

    /**
     * Words characteristic of a code: the words most over-represented in its segments (those the caller may see,
     * narrowed by q) against the rest of the corpus (every passage, minus the segments' words), by log-likelihood.
     */
    public KeywordsView keywords(long projectId, Long codeId, String q, Integer limit) {
        if (codeId == null) {
            throw ProblemException.badRequest("Say which code (codeId).");
        }
        int top = limit == null ? 30 : limit;
        if (top < 1 || top > 500) {
            throw ProblemException.badRequest("limit is between 1 and 500.");
        }
        CodeOutline code = codebook.outline(projectId).stream().filter(c -> c.id() == codeId).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("There is no code " + codeId + " in this project (codeId)."));
        TermCounts target = search.termCounts(projectId, q, Scope.CODE, Long.toString(codeId));
        TermCounts corpus = search.termCounts(projectId, null, Scope.ALL, null);
        Map<String, Long> rest = new HashMap<>();
        corpus.counts().forEach((word, n) -> rest.put(word, Math.max(0, n - target.counts().getOrDefault(word, 0L))));
        // Segments of several coders can cover the same words, so the code's count of a word may exceed the corpus's:
        // the rest is clamped per word and its size is the sum of what remains.
        long restWords = rest.values().stream().mapToLong(Long::longValue).sum();
        List<KeyTerm> terms = compute(() -> Keyness.rank(target.counts(), target.words(), rest, restWords, top));
        return new KeywordsView(code.id(), code.path(), q, target.words(), restWords, terms);
    }

    private List<Segment> segments(long projectId, String q, String unitKind) {
        List<CodedSegment> coded = search.codedSegments(projectId, q, unitKind);
        return coded.stream().map(s -> new Segment(s.documentId(), s.codeId(), s.start(), s.end(), s.startWord(),
                s.endWord(), s.firstUnit(), s.lastUnit())).toList();
    }

    private static <T> T compute(java.util.function.Supplier<T> matrix) {
        try {
            return matrix.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    private static List<Long> ids(List<CodeOutline> codes) {
        return codes.stream().map(CodeOutline::id).toList();
    }

    private static List<CodeLabel> labels(List<CodeOutline> codes) {
        return codes.stream().map(c -> new CodeLabel(c.id(), c.name(), c.path(), c.color())).toList();
    }
}
