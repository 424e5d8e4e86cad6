package app.margin.agreement.rounds;

import app.margin.agreement.MeasurementLevel;
import app.margin.agreement.rounds.AgreementDtos.MatrixResult;
import app.margin.problem.Params;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agreement")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreement")
public class MatrixResource {
    private final MatrixService matrix;

    MatrixResource(MatrixService matrix) {
        this.matrix = matrix;
    }

    @POST
    @Path("/matrix")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Agreement of a CSV reliability matrix (header of coder names, one row per unit, empty = "
            + "missing): percent agreement, Krippendorff's α at the level, Cohen's κ, Fleiss' κ")
    public MatrixResult matrix(@QueryParam("level") String level, String csv) {
        MeasurementLevel parsed = Params.enumOrNull(MeasurementLevel.class, level, "level");
        return matrix.compute(csv, parsed == null ? MeasurementLevel.NOMINAL : parsed);
    }
}
