package app.margin.agreement.rounds;

import java.util.List;

/** Request and response records of the agreement feature. */
public final class AgreementDtos {
    private AgreementDtos() {
    }

    /** The answer of {@code POST /api/v1/agreement/matrix}; a coefficient is null when undefined (see notes). */
    public record MatrixResult(int units, int coders, String level, Double percentAgreement, Double krippendorffAlpha,
            Double cohenKappa, Double fleissKappa, List<String> notes) {
    }
}
