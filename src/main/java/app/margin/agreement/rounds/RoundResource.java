package app.margin.agreement.rounds;

import app.margin.agreement.rounds.AgreementDtos.AdjudicateRequest;
import app.margin.agreement.rounds.AgreementDtos.AdjudicationView;
import app.margin.agreement.rounds.AgreementDtos.AgreementView;
import app.margin.agreement.rounds.AgreementDtos.CreateRoundRequest;
import app.margin.agreement.rounds.AgreementDtos.Disagreement;
import app.margin.agreement.rounds.AgreementDtos.DriftView;
import app.margin.problem.Params;
import app.margin.agreement.rounds.AgreementDtos.RoundView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{pid}/agreement/rounds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agreement")
public class RoundResource {
    private final RoundService rounds;
    private final AgreementService agreement;

    RoundResource(RoundService rounds, AgreementService agreement) {
        this.rounds = rounds;
        this.agreement = agreement;
    }

    @GET
    @Operation(summary = "Agreement rounds (supervisors and owners: all; coders: the rounds they code in)")
    public List<RoundView> list(@PathParam("pid") long pid) {
        return rounds.list(pid);
    }

    @POST
    @Operation(summary = "Set up a round: documents, coders (user names), codes, blind (default true), unit "
            + "(CHARACTER, SENTENCE, TURN, PARAGRAPH, DOCUMENT; default CHARACTER)")
    public Response create(@PathParam("pid") long pid, @Valid @NotNull CreateRoundRequest request) {
        RoundView created = rounds.create(pid, request);
        return Response.created(URI.create("/api/v1/projects/" + pid + "/agreement/rounds/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Path("/{rid}")
    public RoundView get(@PathParam("pid") long pid, @PathParam("rid") long rid) {
        return rounds.get(pid, rid);
    }

    @POST
    @Path("/{rid}/reveal")
    @Operation(summary = "Reveal a round: its coders see one another's layers on its documents")
    public RoundView reveal(@PathParam("pid") long pid, @PathParam("rid") long rid) {
        return rounds.reveal(pid, rid);
    }

    @DELETE
    @Path("/{rid}")
    @Operation(summary = "Delete a round (master codings written by its adjudications stay)")
    public Response delete(@PathParam("pid") long pid, @PathParam("rid") long rid) {
        rounds.delete(pid, rid);
        return Response.noContent().build();
    }

    @GET
    @Path("/{rid}/agreement")
    @Operation(summary = "Percent agreement, Cohen's/Fleiss' κ, nominal α (presence/absence per unit) and unitizing α, "
            + "overall, per code, per document and per coder pair, each with units, coders and a reading")
    public AgreementView agreement(@PathParam("pid") long pid, @PathParam("rid") long rid) {
        return agreement.agreement(pid, rid);
    }

    @GET
    @Path("/{rid}/report")
    @Produces({"text/csv", "text/markdown", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            MediaType.APPLICATION_JSON})
    @Operation(summary = "The coefficient table as format=csv (default), md or docx")
    public Response report(@PathParam("pid") long pid, @PathParam("rid") long rid,
            @QueryParam("format") String format) {
        AgreementReport.Format parsed = Params.enumOrNull(AgreementReport.Format.class, format, "format");
        AgreementReport.Format chosen = parsed == null ? AgreementReport.Format.CSV : parsed;
        return Response.ok(agreement.report(pid, rid, chosen)).type(chosen.mediaType)
                .header("Content-Disposition", "attachment; filename=\"agreement-round-" + rid + "." + chosen.extension + "\"")
                .build();
    }

    @GET
    @Path("/{rid}/disagreements")
    @Operation(summary = "Places where the round's coders differ (optionally on one codeId), the most different first")
    public List<Disagreement> disagreements(@PathParam("pid") long pid, @PathParam("rid") long rid,
            @QueryParam("codeId") Long codeId) {
        return agreement.disagreements(pid, rid, codeId);
    }

    @GET
    @Path("/{rid}/adjudications")
    @Operation(summary = "The round's adjudication decisions, undone ones included")
    public List<AdjudicationView> adjudications(@PathParam("pid") long pid, @PathParam("rid") long rid) {
        return agreement.adjudications(pid, rid);
    }

    @POST
    @Path("/{rid}/adjudications")
    @Operation(summary = "Decide a disagreement into the master layer: ACCEPT one coding, MERGE several, ADJUST "
            + "(start, end) or REJECT")
    public Response adjudicate(@PathParam("pid") long pid, @PathParam("rid") long rid,
            @Valid @NotNull AdjudicateRequest request) {
        return Response.status(Response.Status.CREATED).entity(agreement.adjudicate(pid, rid, request)).build();
    }

    @POST
    @Path("/{rid}/adjudications/{aid}/undo")
    @Operation(summary = "Undo a decision: its master coding is removed, the decision stays on record as undone")
    public AdjudicationView undo(@PathParam("pid") long pid, @PathParam("rid") long rid,
            @PathParam("aid") long aid) {
        return agreement.undo(pid, rid, aid);
    }

    @GET
    @Path("/{rid}/drift")
    @Operation(summary = "Agreement of two coders (coderA, coderB) on one code per ISO week of coding")
    public DriftView drift(@PathParam("pid") long pid, @PathParam("rid") long rid, @QueryParam("codeId") Long codeId,
            @QueryParam("coderA") String coderA, @QueryParam("coderB") String coderB) {
        return agreement.drift(pid, rid, codeId, coderA, coderB);
    }
}
