package app.margin.change;

import java.util.List;
import java.util.Set;

/**
 * What a committed change means for data derived from the database (the search index), announced by the feature that
 * made it, in its own transaction, through {@link ChangeFeed}. Typed, so that renaming an audit action or a snapshot
 * key can no longer silently stop a change from reaching the index (it used to parse the audit log's JSON).
 */
public sealed interface IndexChange {
    long projectId();

    /** Documents to read again whole: imported, edited, their attributes or case changed, or deleted. */
    record DocumentsChanged(long projectId, Set<Long> documentIds) implements IndexChange {
        public DocumentsChanged {
            documentIds = Set.copyOf(documentIds);
        }

        public static DocumentsChanged of(long projectId, long documentId) {
            return new DocumentsChanged(projectId, Set.of(documentId));
        }
    }

    /**
     * Single codings added, moved, recoded or removed, each with the range it covered before and after (either null
     * when it did not exist): only those segments and the passages around them are indexed again. A code merged or
     * deleted is announced this way too, naming the codings whose code changed.
     */
    record CodingsChanged(long projectId, List<CodingChange> codings) implements IndexChange {
        public CodingsChanged {
            codings = List.copyOf(codings);
        }

        public static CodingsChanged of(long projectId, long documentId, long codingId, Range before, Range after) {
            return new CodingsChanged(projectId, List.of(new CodingChange(documentId, codingId, before, after)));
        }
    }

    /** The project and everything in it is gone. */
    record ProjectDeleted(long projectId) implements IndexChange {
    }

    /** One coding of a document; {@code before} is null for a new coding, {@code after} for a removed one. */
    record CodingChange(long documentId, long codingId, Range before, Range after) {
    }

    /** A coded range in UTF-16 offsets, {@code [start, end)}. */
    record Range(int start, int end) {
    }
}
