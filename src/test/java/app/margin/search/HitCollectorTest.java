package app.margin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The hit list without Margin: document order across index segments, and per-code counts. */
class HitCollectorTest {

    @Test
    void hitsComeInDocumentOrderWhateverOrderTheyWereIndexedIn() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            // Three index segments; document 10 was re-indexed after 20 and 30, the way an edit moves it.
            writer.addDocument(unit(30, 0));
            writer.addDocument(unit(30, 50));
            writer.commit();
            writer.addDocument(unit(20, 40, "5:m", "5:u2"));
            writer.addDocument(unit(20, 0, "5:m", "7:u2"));
            writer.commit();
            writer.addDocument(unit(10, 0, "7:m"));
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                HitCollector.Hits hits = HitCollector.collect(new IndexSearcher(reader), new MatchAllDocsQuery(),
                        MarginQueryParserTest.SCOPE);

                assertEquals(List.of("10@0", "20@0", "20@40", "30@0", "30@50"),
                        hits.all().stream().map(f -> f.documentId() + "@" + f.start()).toList());
                assertEquals(List.of("20@40", "30@0"),
                        hits.range(2, 4).stream().map(f -> f.documentId() + "@" + f.start()).toList());
                assertEquals(30, hits.documentId(4));
                // Code 5 in two layers of one passage counts that passage once.
                assertEquals(Map.of(5L, 2L, 7L, 2L), hits.perCode());
            }
        }
    }

    private static Document unit(long documentId, int start, String... codesInLayers) {
        Document unit = new Document();
        unit.add(new NumericDocValuesField(IndexFields.DOC, documentId));
        unit.add(new NumericDocValuesField(IndexFields.START, start));
        for (String codeInLayer : codesInLayers) {
            unit.add(new SortedSetDocValuesField(IndexFields.CODE_IN_LAYER, new BytesRef(codeInLayer)));
        }
        return unit;
    }
}
