package app.margin.agreement.rounds;

import app.margin.agreement.rounds.AgreementDtos.CreateRoundRequest;
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

    RoundResource(RoundService rounds) {
        this.rounds = rounds;
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
}
