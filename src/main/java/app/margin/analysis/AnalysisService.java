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
import app.margin.analysis.AnalysisDtos.CellPair;
import app.margin.analysis.AnalysisDtos.CellPairsView;
import app.margin.analysis.AnalysisDtos.PairSegment;
import app.margin.identity.AppUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.stream.Collectors;
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

    /** The mode, unit and distance of a code × code request, checked, with the unit kind the segments are read by. */
    private record Pairing(CooccurrenceMode mode, Unit unit, int words) {
        static Pairing of(String modeName, String unitName, Integer distance) {
            CooccurrenceMode mode = Objects.requireNonNullElse(Params.enumOrNull(CooccurrenceMode.class, modeName, "mode"),
                    CooccurrenceMode.OVERLAP);
            Unit unit = Objects.requireNonNullElse(Params.enumOrNull(Unit.class, unitName, "unit"), Unit.TURN);
            int words = distance == null ? DEFAULT_DISTANCE : distance;
            if (words < 0) {
                throw ProblemException.badRequest("distance is a number of words, 0 or more.");
            }
            return new Pairing(mode, unit, words);
        }

        String unitKind() {
            return mode == CooccurrenceMode.UNIT && unit != Unit.DOCUMENT ? unit.name().toLowerCase(Locale.ROOT) : null;
        }

        String modeName() {
            return mode.name().toLowerCase(Locale.ROOT);
        }

        String unitName() {
            return unit.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Code × code: pairs of segments of two codes that co-occur in one document and one layer (each coder's
     * codings, or the master layer's, paired only among themselves; see {@link Cooccurrence}).
     */
    public CooccurrenceView cooccurrence(long projectId, String modeName, String unitName, Integer distance, String q) {
        Pairing pairing = Pairing.of(modeName, unitName, distance);
        List<CodeOutline> codes = codebook.outline(projectId);
        List<Segment> segments = segments(projectId, q, pairing.unitKind());
        CodeMatrix matrix = compute(() -> Cooccurrence.compute(segments, ids(codes), pairing.mode(), pairing.words()));
        return new CooccurrenceView(pairing.modeName(), pairing.unitName(), pairing.words(), q,
                segments.size(), labels(codes), matrix.segments(), matrix.documents());
    }

    /**
     * The pairs one code × code cell counts (same mode, unit, distance and query, so {@code total} is the cell's
     * number): what a click on the cell lists, since a search counts passages or segments, never pairs of segments.
     */
    public CellPairsView cellPairs(long projectId, Long first, Long second, String modeName, String unitName,
            Integer distance, String q, Integer limit) {
        Pairing pairing = Pairing.of(modeName, unitName, distance);
        int listed = limit == null ? DEFAULT_PAIRS : limit;
        if (listed < 1 || listed > MAX_PAIRS) {
            throw ProblemException.badRequest("limit is between 1 and " + MAX_PAIRS + ".");
        }
        if (first == null || second == null) {
            throw ProblemException.badRequest("Say which two codes the cell crosses (first and second, code ids).");
        }
        if (first.equals(second)) {
            throw ProblemException.badRequest("A code with itself counts its segments, not pairs: search its segments instead.");
        }
        Map<Long, CodeOutline> codes = new HashMap<>();
        codebook.outline(projectId).forEach(c -> codes.put(c.id(), c));
        for (Long id : List.of(first, second)) {
            if (!codes.containsKey(id)) {
                throw ProblemException.badRequest("There is no code " + id + " in this project.");
            }
        }
        List<CodedSegment> coded = search.codedSegmentsOf(projectId, q, pairing.unitKind(), List.of(first, second));
        List<Segment> segments = coded.stream().map(AnalysisService::segment).toList();
        List<Cooccurrence.Pair> pairs = new ArrayList<>(compute(() ->
                Cooccurrence.pairs(segments, first, second, pairing.mode(), pairing.words())));
        pairs.sort(Comparator.<Cooccurrence.Pair>comparingLong(p -> segments.get(p.first()).documentId())
                .thenComparingInt(p -> segments.get(p.first()).start()).thenComparingInt(p -> segments.get(p.second()).start()));
        long documentCount = pairs.stream().map(p -> segments.get(p.first()).documentId()).distinct().count();
        List<Cooccurrence.Pair> shown = pairs.subList(0, Math.min(listed, pairs.size()));
        Map<Long, String> titles = new HashMap<>();
        documents.list(projectId).forEach(d -> titles.put(d.id(), d.title()));
        Map<Long, String> coders = AppUser.usernamesById(shown.stream().map(p -> coded.get(p.first()).coderId())
                .filter(id -> id >= 0).collect(Collectors.toSet()));
        List<CellPair> rows = shown.stream().map(p -> {
            CodedSegment a = coded.get(p.first());
            CodedSegment b = coded.get(p.second());
            boolean master = a.coderId() < 0;
            return new CellPair(a.documentId(), titles.get(a.documentId()), master ? "MASTER" : "CODER",
                    master ? "master" : coders.getOrDefault(a.coderId(), "user " + a.coderId()), part(a), part(b));
        }).toList();
        return new CellPairsView(pairing.modeName(), pairing.unitName(), pairing.words(), q, label(codes.get(first)),
                label(codes.get(second)), pairs.size(), documentCount, rows);
    }

    static final int DEFAULT_PAIRS = 200;
    static final int MAX_PAIRS = 1_000;

    private static PairSegment part(CodedSegment s) {
        return new PairSegment(s.codingId(), s.start(), s.end(), s.text());
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
        return search.codedSegments(projectId, q, unitKind).stream().map(AnalysisService::segment).toList();
    }

    private static Segment segment(CodedSegment s) {
        return new Segment(s.documentId(), s.codeId(), s.start(), s.end(), s.startWord(), s.endWord(), s.firstUnit(),
                s.lastUnit(), s.coderId());
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
        return codes.stream().map(AnalysisService::label).toList();
    }

    private static CodeLabel label(CodeOutline c) {
        return new CodeLabel(c.id(), c.name(), c.path(), c.color());
    }
}
