package app.margin.search;

import static app.margin.search.IndexFields.*;

import app.margin.codebook.Code;
import app.margin.coding.LayerVisibility;
import app.margin.config.MarginConfig;
import app.margin.corpus.Document;
import app.margin.identity.AppUser;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import app.margin.search.SearchDtos.CodeCount;
import app.margin.search.SearchDtos.DocumentCount;
import app.margin.search.SearchDtos.Highlight;
import app.margin.search.SearchDtos.Hit;
import app.margin.search.SearchDtos.HitUnit;
import app.margin.search.SearchDtos.Scope;
import app.margin.search.SearchDtos.SearchResult;
import app.margin.search.TextLayout.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;

/** Full-text search with filters over a project's index, answered as keyword-in-context lines. */
@ApplicationScoped
public class SearchService {
    static final int MAX_PAGE_SIZE = 200;

    private final ProjectAccess access;
    private final ProjectIndexes indexes;
    private final QueryLimits limits;
    /**
     * Document titles per index state: reading them made H2 decode every document row, which by a profile was the
     * largest share of what a search allocated (and so of its garbage-collection pauses).
     */
    private final IndexStateCache<Map<Long, String>> titles = new IndexStateCache<>();
    /** The whole corpus's word counts (the reference side of keyness) per index state. */
    private final IndexStateCache<TermCounts> corpusCounts = new IndexStateCache<>();

    SearchService(ProjectAccess access, ProjectIndexes indexes, MarginConfig config) {
        this.access = access;
        this.indexes = indexes;
        this.limits = QueryLimits.of(config.search());
    }

    /** The time budget of one search starts when it reaches the index (parsing is bounded by {@link QueryLimits}). */
    private SearchBudget budget() {
        return SearchBudget.start(limits.timeBudget());
    }

    /**
     * A parsed search: the Lucene query with its scope, what the caller may see, and who the caller is (their search
     * sees every change they made themselves; see {@link ProjectIndexes#upToDate(long, String)}).
     */
    record PreparedSearch(Query query, SearchScope scope, Scope where, String caller) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SearchResult search(long projectId, String q, Scope scope, String code, HitUnit unit, int page, int pageSize) {
        if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("page starts at 1 and pageSize is between 1 and " + MAX_PAGE_SIZE + ".");
        }
        PreparedSearch search = prepare(projectId, q, scope, code);
        Map<Long, String> codeNames = search.scope().codes().stream().collect(Collectors.toMap(c -> c.id, c -> c.name));
        ProjectIndex index = indexes.upToDate(projectId, search.caller());
        Map<Long, String> titles = this.titles.get(projectId, index.appliedSeq(), () -> titles(projectId));
        return index.read(budget(), searcher -> {
            HitCollector.Hits found = HitCollector.collect(searcher, search.query(), search.scope());
            int from = Math.min(found.size(), (page - 1) * pageSize);
            List<Hit> hits = lines(searcher, search.query(), found.range(from, Math.min(found.size(), from + pageSize)),
                    unit, titles);
            return new SearchResult(q, search.where(), unit, found.size(), page, pageSize,
                    (found.size() + pageSize - 1) / pageSize, hits, perDocument(found, titles),
                    found.perCode().entrySet().stream().filter(e -> codeNames.containsKey(e.getKey()))
                            .map(e -> new CodeCount(e.getKey(), codeNames.get(e.getKey()), e.getValue()))
                            .sorted((a, b) -> Long.compare(b.hits(), a.hits())).toList());
        });
    }

    /** Checks access and parses; the query carries the scope (passages or segments) and layer visibility. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PreparedSearch prepare(long projectId, String q, Scope scope, String code) {
        Grant grant = access.require(projectId, Permission.READ);
        SearchScope searchScope = new SearchScope(projectId, Code.list("projectId", projectId), LayerVisibility.of(grant));
        Scope where = scope == null ? Scope.ALL : scope;
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        try {
            query.add(MarginQueryParser.parse(q, searchScope, limits), Occur.MUST);
            if (where == Scope.CODE) {
                if (code == null || code.isBlank()) {
                    throw new QueryProblem("scope=code needs the code (code=<name, path or id>, with /* for its sub-codes).");
                }
                query.add(MarginQueryParser.parse("code:\"" + code.replace("\"", "") + "\"", searchScope, limits), Occur.FILTER);
            }
        } catch (QueryProblem problem) {
            ProblemException refusal = ProblemException.badRequest(problem.getMessage());
            throw problem.column() == null ? refusal : refusal.with("column", problem.column()); // only a place it knows
        }
        query.add(new TermQuery(new Term(TYPE, where == Scope.ALL ? UNIT : SEGMENT)), Occur.FILTER);
        Query layers = searchScope.segmentFilter();
        if (where != Scope.ALL && layers != null) {
            query.add(layers, Occur.FILTER);
        }
        return new PreparedSearch(query.build(), searchScope, where, grant.username());
    }

    /** Hits per document, counted along the hits (which come grouped by document). */
    private static List<DocumentCount> perDocument(HitCollector.Hits found, Map<Long, String> titles) {
        List<DocumentCount> counts = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= found.size(); i++) {
            if (i == found.size() || found.documentId(i) != found.documentId(from)) {
                long documentId = found.documentId(from);
                counts.add(new DocumentCount(documentId, titles.get(documentId), i - from));
                from = i;
            }
        }
        return counts;
    }

    private static Map<Long, String> titles(long projectId) {
        Map<Long, String> titles = new HashMap<>();
        Document.getEntityManager().createQuery("select d.id, d.title from Document d where d.projectId = :p", Object[].class)
                .setParameter("p", projectId).getResultList().forEach(row -> titles.put((Long) row[0], (String) row[1]));
        return titles;
    }

    /** KWIC lines of one page of hits, one per hit unit (turn, paragraph or sentence) holding a match. */
    private static List<Hit> lines(IndexSearcher searcher, Query query, List<HitCollector.Found> page, HitUnit unit,
            Map<Long, String> titles) {
        Map<Long, String> coders = new HashMap<>();
        List<Hit> hits = new ArrayList<>();
        forEachExtent(searcher, query, page, unit, (f, doc, extent, matches) -> {
            String text = doc.get(TEXT);
            int offset = doc.getField(START).numericValue().intValue();
            Long codingId = doc.getField(CODING) == null ? null : doc.getField(CODING).numericValue().longValue();
            Long codeId = codingId == null ? null : doc.getField(SEGMENT_CODE).numericValue().longValue();
            String layerKey = codingId == null ? null : doc.get(SEGMENT_LAYER);
            String coder = codingId == null ? null : coderName(layerKey, coders);
            String layer = codingId == null ? null : layerKey == null || layerKey.equals(MASTER_LAYER) ? "MASTER" : "CODER";
            Kwic.Line line = Kwic.of(text, extent.start(), extent.end(), matches);
            hits.add(new Hit(f.documentId(), titles.get(f.documentId()), offset + extent.start(), offset + extent.end(),
                    doc.get(SPEAKER), line.text(), line.highlights().stream().map(h -> new Highlight(h.start(), h.end())).toList(),
                    inDocument(matches, extent, offset), codingId, codeId, coder, layer));
        });
        return hits;
    }

    /**
     * The matches inside one hit's extent as offsets into the document: the indexed text of a passage or segment is
     * the document's text from {@code offset} on, so a match moves by that offset (UTF-16 units, as codings count).
     */
    static List<Highlight> inDocument(List<Span> matches, Span extent, int offset) {
        List<Highlight> inside = new ArrayList<>();
        for (Span m : matches) {
            if (m.start() >= extent.start() && m.end() <= extent.end()) {
                inside.add(new Highlight(offset + m.start(), offset + m.end()));
            }
        }
        return inside;
    }

    /**
     * The coded segments the caller may see that match a query (the query applies to each segment's own text and to
     * its document's fields): what co-occurrence counts.
     *
     * @param unitKind turn, paragraph or sentence for same-unit counts; null when units do not matter
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SearchDtos.CodedSegment> codedSegments(long projectId, String q, String unitKind) {
        PreparedSearch search = prepare(projectId, q, Scope.CODED, null);
        return indexes.upToDate(projectId, search.caller()).read(budget(), searcher -> SegmentReader.read(searcher, search.query(), unitKind));
    }

    /**
     * The same for a few codes only, with each segment's coding id and text: what one co-occurrence cell lists.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SearchDtos.CodedSegment> codedSegmentsOf(long projectId, String q, String unitKind,
            java.util.Collection<Long> codeIds) {
        PreparedSearch search = prepare(projectId, q, Scope.CODED, null);
        Query ofCodes = new org.apache.lucene.search.TermInSetQuery(CODE,
                codeIds.stream().map(id -> new org.apache.lucene.util.BytesRef(Long.toString(id))).toList());
        Query query = new BooleanQuery.Builder().add(search.query(), Occur.MUST).add(ofCodes, Occur.FILTER).build();
        return indexes.upToDate(projectId, search.caller()).read(budget(),
                searcher -> SegmentReader.read(searcher, query, unitKind, true));
    }

    /**
     * Word counts of everything a search finds (its passages, or with scope CODE a code's segments): the two sides
     * of keyness. Reads the stored text of every hit, so it costs about a second per 25 MB of text.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TermCounts termCounts(long projectId, String q, Scope scope, String code) {
        PreparedSearch search = prepare(projectId, q, scope, code);
        ProjectIndex index = indexes.upToDate(projectId, search.caller());
        boolean wholeCorpus = (q == null || q.isBlank()) && search.where() == Scope.ALL;
        return wholeCorpus ? corpusCounts.get(projectId, index.appliedSeq(), () -> wordCounts(index, search))
                : wordCounts(index, search);
    }

    /** Reads the stored text of every hit. */
    private TermCounts wordCounts(ProjectIndex index, PreparedSearch search) {
        return index.read(budget(), searcher -> {
            TermCounts read = new TermCounts();
            try {
                StoredFields stored = searcher.storedFields();
                for (HitCollector.Found f : HitCollector.collect(searcher, search.query(), search.scope()).all()) {
                    SearchBudget.check(searcher);
                    read.add(stored.document(f.luceneId(), java.util.Set.of(TEXT)).get(TEXT));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return read;
        });
    }

    /** Ids of the codings (visible to the caller) whose segments match a query: for exporting a search's quotes. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Set<Long> matchingCodingIds(long projectId, String q) {
        PreparedSearch search = prepare(projectId, q, Scope.CODED, null);
        return indexes.upToDate(projectId, search.caller()).read(budget(), searcher -> {
            java.util.Set<Long> ids = new java.util.HashSet<>();
            try {
                StoredFields stored = searcher.storedFields();
                for (HitCollector.Found f : HitCollector.collect(searcher, search.query(), search.scope()).all()) {
                    SearchBudget.check(searcher);
                    ids.add(stored.document(f.luceneId(), java.util.Set.of(CODING)).getField(CODING).numericValue().longValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ids;
        });
    }

    /** A stretch of a document that a hit stands for, in document offsets. */
    public record Extent(long documentId, int start, int end) {
    }

    /** Every hit of a search as stretches of text at the chosen unit (what auto-coding codes), in document order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Extent> extents(long projectId, PreparedSearch search, HitUnit unit) {
        return indexes.upToDate(projectId, search.caller()).read(budget(), searcher -> {
            List<Extent> extents = new ArrayList<>();
            List<HitCollector.Found> found = HitCollector.collect(searcher, search.query(), search.scope()).all();
            forEachExtent(searcher, search.query(), found, unit, (f, doc, extent, matches) -> {
                int offset = doc.getField(START).numericValue().intValue();
                extents.add(new Extent(f.documentId(), offset + extent.start(), offset + extent.end()));
            });
            return extents;
        });
    }

    private interface ExtentConsumer {
        void accept(HitCollector.Found found, org.apache.lucene.document.Document doc, Span extent, List<Span> matches);
    }

    /** Walks the hit units of some hits: each passage's (or segment's) stretches holding a match, with the matches. */
    private static void forEachExtent(IndexSearcher searcher, Query query, List<HitCollector.Found> hits, HitUnit unit,
            ExtentConsumer consumer) {
        try {
            Weight weight = searcher.createWeight(searcher.rewrite(TextOnlyQuery.of(query)), ScoreMode.COMPLETE_NO_SCORES, 1f);
            StoredFields stored = searcher.storedFields();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (HitCollector.Found f : hits) {
                SearchBudget.check(searcher);
                org.apache.lucene.document.Document doc = stored.document(f.luceneId());
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(f.luceneId(), leaves));
                List<Span> matches = matches(weight.matches(leaf, f.luceneId() - leaf.docBase));
                boolean segment = doc.getField(CODING) != null;
                for (Span extent : extents(doc.get(TEXT), matches, segment ? HitUnit.TURN : unit)) {
                    consumer.accept(f, doc, extent, matches);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stretches of a passage that become lines: the whole passage, or each paragraph/sentence with a match. */
    private static List<Span> extents(String text, List<Span> matches, HitUnit unit) {
        Span whole = new Span(0, text.length());
        if (unit == HitUnit.TURN || matches.isEmpty()) {
            return List.of(whole);
        }
        List<Span> spans = unit == HitUnit.SENTENCE ? TextLayout.sentences(text) : TextLayout.paragraphs(text);
        List<Span> withMatch = spans.stream()
                .filter(s -> matches.stream().anyMatch(m -> m.start() >= s.start() && m.start() < s.end())).toList();
        return withMatch.isEmpty() ? List.of(whole) : withMatch;
    }

    /** Where the words of the text query matched in one passage, merged where they overlap. */
    private static List<Span> matches(Matches matches) throws IOException {
        List<Span> spans = new ArrayList<>();
        if (matches != null) {
            MatchesIterator it = matches.getMatches(TEXT);
            while (it != null && it.next()) {
                if (it.startOffset() >= 0) {
                    spans.add(new Span(it.startOffset(), it.endOffset()));
                }
            }
        }
        spans.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        List<Span> merged = new ArrayList<>();
        for (Span s : spans) {
            Span last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && s.start() <= last.end()) {
                merged.set(merged.size() - 1, new Span(last.start(), Math.max(last.end(), s.end())));
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    private static String coderName(String layerKey, Map<Long, String> cache) {
        if (layerKey == null || layerKey.equals(MASTER_LAYER)) {
            return "master";
        }
        long userId = Long.parseLong(layerKey.substring(1));
        return cache.computeIfAbsent(userId, id -> AppUser.usernamesById(List.of(id)).getOrDefault(id, "user " + id));
    }
}
