package app.margin.agreement.rounds;

import app.margin.agreement.Interpretation;
import app.margin.agreement.RoundAgreement.Scope;
import app.margin.agreement.UnitOfAnalysis;
import app.margin.agreement.rounds.Adjudication.Decision;
import app.margin.problem.TextLimits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request and response records of the agreement feature. */
public final class AgreementDtos {
    private AgreementDtos() {
    }

    /** The answer of {@code POST /api/v1/agreement/matrix}; a coefficient is null when undefined (see notes). */
    public record MatrixResult(int units, int coders, String level, Double percentAgreement, Double krippendorffAlpha,
            Double cohenKappa, Double fleissKappa, List<String> notes) {
    }

    public record CreateRoundRequest(@NotBlank(message = "Give the round a name.") @Size(max = TextLimits.ROUND_NAME) String name,
            @NotNull(message = "Choose the documents (documentIds).") List<Long> documentIds,
            @NotNull(message = "Choose the coders (coders: user names).") List<String> coders,
            @NotNull(message = "Choose the codes (codeIds).") List<Long> codeIds,
            Boolean blind, String unit) {
    }

    public record RoundView(long id, String name, boolean blind, UnitOfAnalysis unit, boolean revealed,
            Instant revealedAt, List<Long> documentIds, List<String> coders, List<Long> codeIds, String createdBy,
            Instant createdAt, long version) {
    }

    /** One row of the coefficient table, with names for people and things. */
    public record FigureView(Scope scope, Long codeId, String codeName, Long documentId, String documentTitle,
            List<String> coders, long units, int coderCount, Double percentAgreement, String kappaKind, Double kappa,
            Double alpha, Interpretation interpretation, String reading, Double unitizingAlpha,
            Interpretation unitizingInterpretation, List<String> notes) {
    }

    public record AgreementView(long roundId, UnitOfAnalysis unit, String percentAgreementDefinition,
            List<FigureView> figures) {
    }

    /** One coder's coding inside a disagreement, with the memos written on it. */
    public record CoderSegment(long codingId, String coder, int start, int end, String text, List<String> memos) {
    }

    /**
     * A stretch of one document where the round's coders differ on one code.
     *
     * @param difference the share of the stretch's characters on which the coders do not all agree (0–1)
     * @param missing the round coders who did not apply the code anywhere in the stretch
     */
    public record Disagreement(long documentId, String documentTitle, long codeId, String codeName, int start,
            int end, String text, double difference, List<CoderSegment> segments, List<String> missing,
            boolean adjudicated) {
    }

    public record AdjudicateRequest(@NotNull(message = "Say what you decide: ACCEPT, MERGE, ADJUST or REJECT.")
            Decision decision, @NotNull(message = "Say which document (documentId).") Long documentId,
            @NotNull(message = "Say which code (codeId).") Long codeId, List<Long> codingIds, Integer start,
            Integer end, @Size(max = TextLimits.ADJUDICATION_NOTE) String note) {
    }

    public record AdjudicationView(long id, long roundId, long documentId, long codeId, Decision decision, int start,
            int end, List<Long> codingIds, Long masterCodingId, String note, String decidedBy, Instant decidedAt,
            String undoneBy, Instant undoneAt) {
    }

    /** Agreement of a coder pair on one code in one ISO week (documents whose coding the pair finished that week). */
    public record DriftPoint(String week, int documents, long units, Double percentAgreement, Double kappa,
            Double alpha, Interpretation interpretation) {
    }

    public record DriftView(long roundId, long codeId, String codeName, List<String> coders, UnitOfAnalysis unit,
            List<DriftPoint> weeks) {
    }
}
