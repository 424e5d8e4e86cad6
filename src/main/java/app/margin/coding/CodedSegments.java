package app.margin.coding;

import app.margin.coding.CodingDtos.CodingView;
import app.margin.coding.CodingDtos.SegmentView;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns codings (in document order) into segments with their speaker and context. The documents' texts and units are
 * read for a chunk of documents at a time: two queries per {@value #DOCUMENTS_PER_QUERY} documents, where one query per
 * document for the text and one for its units were made before; and only one chunk's texts are held at a time (a
 * frequent code of the benchmark touches all 2,000 transcripts, 126 MB of text).
 */
final class CodedSegments {
    static final int DOCUMENTS_PER_QUERY = 100;

    private CodedSegments() {
    }

    static List<SegmentView> of(List<CodingView> codings) {
        Map<Long, List<CodingView>> byDocument = new LinkedHashMap<>();
        codings.forEach(c -> byDocument.computeIfAbsent(c.documentId(), d -> new ArrayList<>()).add(c));
        List<Long> documentIds = List.copyOf(byDocument.keySet());
        List<SegmentView> segments = new ArrayList<>(codings.size());
        for (int from = 0; from < documentIds.size(); from += DOCUMENTS_PER_QUERY) {
            List<Long> chunk = documentIds.subList(from, Math.min(documentIds.size(), from + DOCUMENTS_PER_QUERY));
            Map<Long, Object[]> texts = texts(chunk);
            Map<Long, Turns> turns = turns(chunk);
            for (long documentId : chunk) {
                String title = (String) texts.get(documentId)[0];
                String text = (String) texts.get(documentId)[1];
                Turns ofDocument = turns.getOrDefault(documentId, Turns.NONE);
                for (CodingView c : byDocument.get(documentId)) {
                    segments.add(new SegmentView(c, title, ofDocument.speakerAt(c.start()),
                            SegmentContext.before(text, c.start()), text.substring(c.start(), c.end()),
                            SegmentContext.after(text, c.end())));
                }
            }
        }
        return segments;
    }

    /** Title and text per document (a projection: no managed entities kept in the session). */
    private static Map<Long, Object[]> texts(List<Long> documentIds) {
        Map<Long, Object[]> texts = new HashMap<>();
        Panache.getEntityManager().createQuery("select d.id, d.title, d.text from Document d where d.id in :ids",
                        Object[].class).setParameter("ids", documentIds).getResultList()
                .forEach(row -> texts.put((Long) row[0], new Object[] {row[1], row[2]}));
        return texts;
    }

    private static Map<Long, Turns> turns(List<Long> documentIds) {
        Map<Long, List<Object[]>> rows = new HashMap<>();
        Panache.getEntityManager().createQuery("select u.documentId, u.startOffset, u.endOffset, u.speaker "
                        + "from DocumentUnit u where u.documentId in :ids order by u.documentId, u.startOffset, u.seq",
                        Object[].class).setParameter("ids", documentIds).getResultList()
                .forEach(row -> rows.computeIfAbsent((Long) row[0], d -> new ArrayList<>()).add(row));
        Map<Long, Turns> turns = new HashMap<>();
        rows.forEach((documentId, units) -> turns.put(documentId, Turns.of(units)));
        return turns;
    }

    /** A document's units sorted by start, searched by offset (a document has up to thousands of turns). */
    private record Turns(int[] starts, int[] ends, String[] speakers) {
        static final Turns NONE = new Turns(new int[0], new int[0], new String[0]);

        static Turns of(List<Object[]> units) {
            int[] starts = new int[units.size()];
            int[] ends = new int[units.size()];
            String[] speakers = new String[units.size()];
            for (int i = 0; i < units.size(); i++) {
                starts[i] = (Integer) units.get(i)[1];
                ends[i] = (Integer) units.get(i)[2];
                speakers[i] = (String) units.get(i)[3];
            }
            return new Turns(starts, ends, speakers);
        }

        /** The speaker of the unit containing {@code offset}, or null. */
        String speakerAt(int offset) {
            int low = 0;
            int high = starts.length - 1;
            int found = -1;
            while (low <= high) { // the last unit starting at or before offset
                int mid = (low + high) >>> 1;
                if (starts[mid] <= offset) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return found >= 0 && offset < ends[found] ? speakers[found] : null;
        }
    }
}
