package app.margin.codebook;

import java.util.List;

/**
 * Announced by the codebook, inside the transaction of every change to the code tree (a code added, renamed or
 * redefined, recoloured, moved, merged or deleted), for the live event streams: the coding feature's {@code LiveFeed}
 * hears it after the commit and tells every member that the codebook changed, and tells each member whose codings
 * the change moved or removed on the documents they may see. Typed, not read back from the audit text, which is for
 * people.
 *
 * @param codeId the code changed (for a merge, the code merged away)
 * @param seq the change's place in the project's audit chain
 * @param codings where the change moved (merge) or removed (delete) codings, one entry per document, layer and
 *            coder, gathered before they moved: after a delete nothing is left to look up
 */
public record CodebookChanged(long projectId, long codeId, long seq, List<CodedPlace> codings) {
    public CodebookChanged {
        codings = List.copyOf(codings);
    }

    /** A change that touched no codings. */
    static CodebookChanged of(long projectId, long codeId, long seq) {
        return new CodebookChanged(projectId, codeId, seq, List.of());
    }

    /** Codings of one layer ({@code master}, else the coder's own) on one document. */
    public record CodedPlace(long documentId, boolean master, long coderId) {
    }
}
