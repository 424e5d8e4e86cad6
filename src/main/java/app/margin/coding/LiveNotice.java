package app.margin.coding;

import app.margin.codebook.CodebookChanged;
import java.util.ArrayList;
import java.util.List;

/**
 * Announced, inside the transaction of a change to codings or memos, for each document and layer it touched; the
 * live event streams ({@link LiveFeed}) hear it only after the commit. It names where the change is (document,
 * layer, coder) so each listener is told only what {@link LayerVisibility} lets them see, never what changed: the
 * viewer reads that again through the API. A change to the codebook becomes notices here too ({@link #of}).
 *
 * @param documentId null for a memo on a code or the project, and for the codebook
 * @param layer null when every member sees the change (a memo on a document, a code or the project; the codebook)
 * @param codeId the code changed, for a codebook notice only
 * @param seq the change's place in the project's audit chain
 */
public record LiveNotice(long projectId, Type type, Long documentId, CodingLayer layer, long coderId, Long codeId,
        long seq) {

    public enum Type {
        CODINGS, MEMOS, CODEBOOK
    }

    /** A change to codings of one layer on one document. */
    static LiveNotice codings(long projectId, long documentId, CodingLayer layer, long coderId, long seq) {
        return new LiveNotice(projectId, Type.CODINGS, documentId, layer, coderId, null, seq);
    }

    /**
     * A change to the codebook: one notice every member hears (the code tree is everyone's), and a codings notice
     * for each document, layer and coder whose codings a merge moved or a delete removed, heard as any change there.
     */
    static List<LiveNotice> of(CodebookChanged change) {
        List<LiveNotice> notices = new ArrayList<>();
        notices.add(new LiveNotice(change.projectId(), Type.CODEBOOK, null, null, 0, change.codeId(), change.seq()));
        for (CodebookChanged.CodedPlace place : change.codings()) {
            notices.add(codings(change.projectId(), place.documentId(),
                    place.master() ? CodingLayer.MASTER : CodingLayer.CODER, place.coderId(), change.seq()));
        }
        return notices;
    }

    /**
     * A change to a memo: seen by those who see its coding, or by every member for any other target; null (nobody is
     * told) for a memo whose coding is gone.
     */
    static LiveNotice memo(Memo memo, long seq) {
        if (memo.targetType == Memo.Target.CODING) {
            Coding coding = Coding.findById(memo.targetId);
            return coding == null ? null
                    : new LiveNotice(memo.projectId, Type.MEMOS, coding.documentId, coding.layer, coding.coderId, null,
                            seq);
        }
        Long documentId = memo.targetType == Memo.Target.DOCUMENT ? memo.targetId : null;
        return new LiveNotice(memo.projectId, Type.MEMOS, documentId, null, 0, null, seq);
    }

    /** Whether the member whose visibility this is may be told. */
    boolean visibleTo(LayerVisibility visibility) {
        return layer == null || visibility.mayView(layer, coderId, documentId);
    }
}
