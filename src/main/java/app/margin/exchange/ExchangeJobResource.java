package app.margin.exchange;

import app.margin.exchange.ExchangeDtos.JobView;
import app.margin.identity.CurrentCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/exchange/jobs/{id}")
@Tag(name = "Exports and REFI-QDA exchange")
public class ExchangeJobResource {
    private final ExchangeJobs jobs;
    private final CurrentCaller caller;

    ExchangeJobResource(ExchangeJobs jobs, CurrentCaller caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "A background export or import: state RUNNING, DONE or FAILED, progress in percent")
    public JobView get(@PathParam("id") String id) {
        return jobs.get(id, caller.userId());
    }

    @GET
    @Path("/result")
    @Operation(summary = "The finished job's file (exports) or {projectId, report} (imports); 409 while it runs")
    public Response result(@PathParam("id") String id) {
        ExchangeJobs.Output output = jobs.result(id, caller.userId());
        if (output.file() == null) {
            return Response.ok(output.json(), MediaType.APPLICATION_JSON).build();
        }
        return ExchangeResource.download(output);
    }
}
