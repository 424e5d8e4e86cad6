package app.margin.agreement.rounds;

import app.margin.agreement.CohenKappa;
import app.margin.agreement.FleissKappa;
import app.margin.agreement.KrippendorffAlpha;
import app.margin.agreement.MeasurementLevel;
import app.margin.agreement.PercentAgreement;
import app.margin.agreement.ReliabilityCsv;
import app.margin.agreement.ReliabilityData;
import app.margin.agreement.rounds.AgreementDtos.MatrixResult;
import app.margin.identity.CurrentCaller;
import app.margin.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The stateless reliability-matrix calculator: any signed-in user, nothing stored. */
@ApplicationScoped
public class MatrixService {
    private final CurrentCaller caller;

    MatrixService(CurrentCaller caller) {
        this.caller = caller;
    }

    public MatrixResult compute(String csv, MeasurementLevel level) {
        caller.user();
        ReliabilityData data;
        try {
            data = ReliabilityCsv.parse(csv);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(capitalised(e.getMessage()) + ".");
        }
        List<String> notes = new ArrayList<>();
        PercentAgreement.Result percent = PercentAgreement.compute(data);
        if (percent.reason() != null) {
            notes.add("Percent agreement: " + percent.reason() + ".");
        }
        KrippendorffAlpha.Result alpha;
        try {
            alpha = KrippendorffAlpha.compute(data, level);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(capitalised(e.getMessage()) + ".");
        }
        if (alpha.reason() != null) {
            notes.add("Krippendorff's α: " + alpha.reason() + ".");
        }
        CohenKappa.Result cohen = CohenKappa.compute(data);
        if (cohen.reason() != null) {
            notes.add("Cohen's κ: " + cohen.reason() + ".");
        }
        FleissKappa.Result fleiss = FleissKappa.compute(data);
        if (fleiss.reason() != null) {
            notes.add("Fleiss' κ: " + fleiss.reason() + ".");
        }
        if (level != MeasurementLevel.NOMINAL) {
            notes.add("Percent agreement and both κ treat the labels as nominal; only α uses the "
                    + level.name().toLowerCase() + " level.");
        }
        return new MatrixResult(data.unitCount(), data.coderCount(), level.name().toLowerCase(), percent.agreement(),
                alpha.alpha(), cohen.kappa(), fleiss.kappa(), notes);
    }

    private static String capitalised(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
