package app.margin.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The documents the indexer touched last, without their codings, with their layouts (units, paragraphs, sentences,
 * word positions). A document's text never changes; its title, case and attributes change only through changes
 * that index it whole, which {@link #forget} it first. So indexing one coding reads only the document's codings.
 * Used by the indexer thread only.
 */
final class Layouts {
    /** A document as last read, and its layout. */
    record Known(IndexedDocument document, IndexDocuments.Layout layout) {
        IndexedDocument withSegments(List<IndexedDocument.Segment> segments) {
            IndexedDocument d = document;
            return new IndexedDocument(d.id(), d.title(), d.kind(), d.caseName(), d.text(), d.units(), d.attributes(),
                    segments);
        }
    }

    private final Map<Long, Known> known;

    Layouts(int capacity) {
        this.known = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Known> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The document from memory, or read; null when it no longer exists. */
    Known get(long documentId, Supplier<IndexedDocument> read) {
        Known cached = known.get(documentId);
        if (cached != null) {
            return cached;
        }
        IndexedDocument doc = read.get();
        if (doc == null) {
            return null;
        }
        Known fresh = new Known(doc, IndexDocuments.Layout.of(doc));
        known.put(documentId, fresh);
        return fresh;
    }

    void forget(long documentId) {
        known.remove(documentId);
    }
}
