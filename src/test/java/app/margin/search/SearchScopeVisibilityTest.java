package app.margin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.codebook.Code;
import app.margin.coding.CodingLayer;
import app.margin.coding.LayerVisibility;
import app.margin.identity.AppUser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The visibility rule rendered as Lucene queries finds exactly the codings the in-memory rule allows: hundreds of
 * random small projects (rounds as blind documents and shared coders, codings in every layer), indexed the way Margin
 * indexes them, searched for every segment, per {@code code:}, per {@code coder:}, and counted per code on passages.
 * Runs in seconds; {@code coding.LayerVisibilityPropertyTest} does the same through the database.
 */
class SearchScopeVisibilityTest {
    private static final int PROJECTS = 150;
    private static final String TEXT = "The broker took my money and I paid him twice before we left.";

    record Coded(long id, long codeId, CodingLayer layer, long coderId, long documentId) {
    }

    @Test
    void luceneFindsWhatTheRuleAllows() throws IOException {
        for (int seed = 1; seed <= PROJECTS; seed++) {
            check(new Random(seed), seed);
        }
    }

    private static void check(Random random, int seed) throws IOException {
        int coders = 2 + random.nextInt(4); // user ids 1..coders; the caller is 1
        int documents = 1 + random.nextInt(5); // document ids 1..documents
        List<Code> codes = List.of(MarginQueryParserFuzzTest.code(101, "A", null),
                MarginQueryParserFuzzTest.code(102, "B", null), MarginQueryParserFuzzTest.code(103, "C", null));
        Set<Long> blind = new TreeSet<>();
        Map<Long, Set<Long>> shared = new TreeMap<>();
        for (long doc = 1; doc <= documents; doc++) {
            if (random.nextInt(3) == 0) {
                blind.add(doc);
            }
            for (long coder = 2; coder <= coders; coder++) {
                if (random.nextInt(3) == 0) {
                    shared.computeIfAbsent(doc, d -> new TreeSet<>()).add(coder);
                }
            }
        }
        LayerVisibility visibility = LayerVisibility.of(1, random.nextInt(8) == 0, blind, shared);
        List<Coded> codings = new ArrayList<>();
        for (int i = 0, n = random.nextInt(25); i < n; i++) {
            boolean master = random.nextInt(3) == 0;
            codings.add(new Coded(1000 + i, codes.get(random.nextInt(codes.size())).id,
                    master ? CodingLayer.MASTER : CodingLayer.CODER, 1 + random.nextInt(coders),
                    1 + random.nextInt(documents)));
        }
        Map<Long, AppUser> users = new HashMap<>();
        for (long id = 1; id <= coders; id++) {
            users.put(id, user(id));
        }
        SearchScope scope = new SearchScope(1, codes, visibility, name -> users.values().stream()
                .filter(u -> u.username.equals(name)).findFirst());
        String context = "seed " + seed + ": " + visibility.parts() + ", codings " + codings;
        Predicate<Coded> visible = c -> visibility.mayView(c.layer(), c.coderId(), c.documentId());

        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            for (long doc = 1; doc <= documents; doc++) {
                long id = doc;
                List<IndexedDocument.Segment> segments = codings.stream().filter(c -> c.documentId() == id)
                        .map(c -> new IndexedDocument.Segment(c.id(), c.codeId(), c.layer() == CodingLayer.MASTER
                                ? IndexFields.MASTER_LAYER : IndexFields.coderLayer(c.coderId()), 4, 20)).toList();
                writer.addDocuments(IndexDocuments.of(new IndexedDocument(doc, "d" + doc, "OTHER", null, TEXT,
                        List.of(), Map.of(), segments)));
            }
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                assertEquals(ids(codings, visible), segments(searcher, scope, new MatchAllDocsQuery()), "all: " + context);
                for (Code code : codes) {
                    assertEquals(ids(codings, visible.and(c -> c.codeId() == code.id)),
                            segments(searcher, scope, MarginQueryParser.parse("code:" + code.name, scope)),
                            "code:" + code.name + " " + context);
                }
                assertEquals(ids(codings, visible.and(c -> c.layer() == CodingLayer.MASTER)),
                        segments(searcher, scope, MarginQueryParser.parse("coder:master", scope)), "coder:master " + context);
                for (AppUser user : users.values()) {
                    if (!visibility.mayAskFor(user.id)) {
                        continue;
                    }
                    Predicate<Coded> inLayer = c -> c.layer() == CodingLayer.CODER && c.coderId() == user.id;
                    assertEquals(ids(codings, visible.and(inLayer)),
                            segments(searcher, scope, MarginQueryParser.parse("coder:" + user.username, scope)),
                            "coder:" + user.username + " " + context);
                    assertEquals(ids(codings, visible.and(inLayer).and(c -> c.codeId() == 101)),
                            segments(searcher, scope, MarginQueryParser.parse("code:A coder:" + user.username, scope)),
                            "code:A coder:" + user.username + " " + context);
                }
                // passages (one per document here) and the per-code counts the hit collector makes of them
                Map<Long, Set<Long>> passagesPerCode = new TreeMap<>();
                codings.stream().filter(visible)
                        .forEach(c -> passagesPerCode.computeIfAbsent(c.codeId(), k -> new HashSet<>()).add(c.documentId()));
                Map<Long, Long> expectedCounts = new TreeMap<>();
                passagesPerCode.forEach((code, docs) -> expectedCounts.put(code, (long) docs.size()));
                Query units = new TermQuery(new Term(IndexFields.TYPE, IndexFields.UNIT));
                assertEquals(expectedCounts, new TreeMap<>(HitCollector.collect(searcher, units, scope).perCode()),
                        "per code " + context);
                for (Code code : codes) {
                    Query coded = new BooleanQuery.Builder().add(MarginQueryParser.parse("code:" + code.name, scope), Occur.MUST)
                            .add(units, Occur.FILTER).build();
                    assertEquals(passagesPerCode.getOrDefault(code.id, Set.of()).size(),
                            HitCollector.collect(searcher, coded, scope).size(), "passages code:" + code.name + " " + context);
                }
            }
        }
    }

    /** Coding ids of the segments a query finds, with the layer filter search adds to every segment search. */
    private static Set<Long> segments(IndexSearcher searcher, SearchScope scope, Query query) throws IOException {
        BooleanQuery.Builder segments = new BooleanQuery.Builder().add(query, Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.SEGMENT)), Occur.FILTER);
        Query layers = scope.segmentFilter();
        if (layers != null) {
            segments.add(layers, Occur.FILTER);
        }
        StoredFields stored = searcher.storedFields();
        Set<Long> ids = new TreeSet<>();
        for (ScoreDoc hit : searcher.search(segments.build(), 10_000).scoreDocs) {
            ids.add(stored.document(hit.doc).getField(IndexFields.CODING).numericValue().longValue());
        }
        return ids;
    }

    private static Set<Long> ids(List<Coded> codings, Predicate<Coded> which) {
        Set<Long> ids = new TreeSet<>();
        codings.stream().filter(which).forEach(c -> ids.add(c.id()));
        return ids;
    }

    private static AppUser user(long id) {
        AppUser user = new AppUser();
        user.id = id;
        user.username = "user" + id;
        return user;
    }
}
