package app.margin.codebook;

import app.margin.problem.TextLimits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request and response records of the codebook. */
public final class CodeDtos {
    private CodeDtos() {
    }

    static final String COLOR = "#[0-9a-fA-F]{6}";
    static final String COLOR_MESSAGE = "A colour is written #rrggbb, e.g. #e8a33d.";

    public record CreateCodeRequest(@NotBlank(message = "A code needs a name.") @Size(max = TextLimits.CODE_NAME) String name,
            Long parentId, @Size(max = TextLimits.CODE_TEXT) String definition,
            @Size(max = TextLimits.CODE_TEXT) String inclusion, @Size(max = TextLimits.CODE_TEXT) String exclusion,
            @Size(max = TextLimits.CODE_TEXT) String example,
            @Pattern(regexp = COLOR, message = COLOR_MESSAGE) String color) {
    }

    /** Replaces a code's content; its place in the tree changes only through a move. */
    public record UpdateCodeRequest(@NotBlank(message = "A code needs a name.") @Size(max = TextLimits.CODE_NAME) String name,
            @Size(max = TextLimits.CODE_TEXT) String definition, @Size(max = TextLimits.CODE_TEXT) String inclusion,
            @Size(max = TextLimits.CODE_TEXT) String exclusion, @Size(max = TextLimits.CODE_TEXT) String example,
            @Pattern(regexp = COLOR, message = COLOR_MESSAGE) String color,
            @NotNull(message = "Send the version you loaded, so a concurrent change is not overwritten.") Long version) {
    }

    /** {@code parentId} null moves the code to the top level. */
    public record MoveCodeRequest(Long parentId,
            @NotNull(message = "Send the version you loaded, so a concurrent change is not overwritten.") Long version) {
    }

    public record MergeCodeRequest(@NotNull(message = "Say which code to merge into (intoCodeId).") Long intoCodeId) {
    }

    /** A code with the number of codings that use it (all layers) and its path from the root. */
    public record CodeView(long id, String name, Long parentId, String path, String definition, String inclusion,
            String exclusion, String example, String color, long codings, Instant createdAt, long version) {
    }

    /** A code as matrices and reports label it: no definitions, no coding counts. */
    public record CodeOutline(long id, String name, Long parentId, String path, String color) {
    }

    public record MergeResult(CodeView into, int codingsMoved, int duplicatesRemoved, int childrenMoved) {
    }
}
