package app.margin.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The documents the indexer touched last, without their codings, with their layouts (units, paragraphs, sentences,
 * word starts), up to a memory budget. A document's text never changes; its title, case and attributes change only
 * through changes that index it whole, which {@link #forget} it first. So indexing one coding reads only the
 * document's codings. (Bounded by a count of 64, the workload of 100 documents coded in turn missed every time: each
 * pass read a dozen transcripts and split them into sentences again.) Used by the indexer thread only.
 */
final class Layouts {
    /** A document as last read, and its layout. */
    record Known(IndexedDocument document, IndexDocuments.Layout layout) {
        IndexedDocument withSegments(List<IndexedDocument.Segment> segments) {
            IndexedDocument d = document;
            return new IndexedDocument(d.id(), d.title(), d.kind(), d.caseName(), d.text(), d.units(), d.attributes(),
                    segments);
        }

        long bytes() {
            return 2L * document.text().length() + layout.bytes() + 256;
        }
    }

    private final Map<Long, Known> known = new LinkedHashMap<>(64, 0.75f, true);
    private final long budgetBytes;
    private long heldBytes;

    /** @param budgetBytes how much the kept documents and layouts may hold (the least recently used go first) */
    Layouts(long budgetBytes) {
        this.budgetBytes = budgetBytes;
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
        Known fresh = new Known(withoutSegments(doc), IndexDocuments.Layout.of(doc));
        known.put(documentId, fresh);
        heldBytes += fresh.bytes();
        var eldest = known.entrySet().iterator();
        while (heldBytes > budgetBytes && known.size() > 1 && eldest.hasNext()) {
            heldBytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
        return fresh;
    }

    void forget(long documentId) {
        Known gone = known.remove(documentId);
        if (gone != null) {
            heldBytes -= gone.bytes();
        }
    }

    /** Kept without its codings, which every use reads afresh. */
    private static IndexedDocument withoutSegments(IndexedDocument d) {
        return new IndexedDocument(d.id(), d.title(), d.kind(), d.caseName(), d.text(), d.units(), d.attributes(),
                List.of());
    }
}
