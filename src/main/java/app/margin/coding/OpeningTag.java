package app.margin.coding;

import app.margin.audit.AuditLog;
import app.margin.audit.ProjectStateTag;
import app.margin.identity.ProjectAccess.Grant;

/**
 * The strong entity tag of an opened document ({@link DocumentOpening}): the project's state, the caller and role
 * ({@link ProjectStateTag}), the document and the layer choice, which together decide the answer byte for byte.
 */
final class OpeningTag {
    /** Changes when the answer's shape changes, so a tag from an older Margin never matches a newer answer. */
    private static final String FORMAT = "open-1";

    private OpeningTag() {
    }

    static String of(Grant grant, long documentId, AuditLog.Head head, CodingLayer layer, String coder) {
        return ProjectStateTag.of(grant, head, FORMAT, Long.toString(documentId), layer == null ? "" : layer.name(),
                coder == null ? "" : coder);
    }

    static boolean matches(String ifNoneMatch, String etag) {
        return ProjectStateTag.matches(ifNoneMatch, etag);
    }
}
