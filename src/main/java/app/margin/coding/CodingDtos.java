package app.margin.coding;

import app.margin.problem.TextLimits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request and response records of codings and memos. Offsets are UTF-16 code units, {@code [start, end)}. */
public final class CodingDtos {
    private CodingDtos() {
    }

    static final String VERSION_MESSAGE = "Send the version you loaded, so a concurrent change is not overwritten.";

    public record CreateCodingRequest(@NotNull(message = "Say which document (documentId).") Long documentId,
            @NotNull(message = "Say which code (codeId).") Long codeId,
            @NotNull(message = "Give the start offset.") Integer start,
            @NotNull(message = "Give the end offset.") Integer end) {
    }

    /** Changes the range and/or the code of one's own coding. */
    public record UpdateCodingRequest(Long codeId, @NotNull(message = "Give the start offset.") Integer start,
            @NotNull(message = "Give the end offset.") Integer end, @NotNull(message = VERSION_MESSAGE) Long version) {
    }

    public record CodingView(long id, long documentId, long codeId, String coder, CodingLayer layer, int start,
            int end, Instant createdAt, Instant updatedAt, long version) {
    }

    /**
     * The coding layers the caller may open on one document: every layer (SUPERVISOR, OWNER), or the master layer
     * (unless a blind round hides it there) and the own layers of these coders (the caller's, and revealed round
     * partners' on the round's documents).
     */
    public record DocumentLayers(long documentId, boolean every, boolean master, List<String> coders) {
    }

    /** A coded segment with its document's title, the speaker of its turn and the words before and after it. */
    public record SegmentView(CodingView coding, String documentTitle, String speaker, String before, String text,
            String after) {
    }

    public record CreateMemoRequest(@NotNull(message = "Say what the memo is about: PROJECT, DOCUMENT, CODE or CODING.")
            Memo.Target targetType, Long targetId, @Size(max = TextLimits.MEMO_TITLE) String title,
            @NotBlank(message = "A memo needs some text.") @Size(max = TextLimits.MEMO_BODY) String body) {
    }

    public record UpdateMemoRequest(@Size(max = TextLimits.MEMO_TITLE) String title,
            @NotBlank(message = "A memo needs some text.") @Size(max = TextLimits.MEMO_BODY) String body,
            @NotNull(message = VERSION_MESSAGE) Long version) {
    }

    /**
     * A memo; {@code coding} says where the coding it is written on lies (its document, code and range), so a list of
     * memos can name their passages without a request per memo; null for other targets.
     */
    public record MemoView(long id, Memo.Target targetType, long targetId, String author, String title, String body,
            Instant createdAt, Instant updatedAt, long version, CodingPlace coding) {
    }

    public record CodingPlace(long documentId, long codeId, int start, int end) {
    }
}
