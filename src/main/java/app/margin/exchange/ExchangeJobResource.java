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
        java.nio.file.Path file = output.file();
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw app.margin.problem.ProblemException.notFound("The file of job " + id + " is gone: finished jobs are "
                    + "kept for an hour, and not across a restart. Export again.");
        }
        // the file stays until the job is forgotten, so a download that was cut off can be fetched again
        return ExchangeResource.sized(ExchangeResource.download(output.fileName(), output.mediaType(),
                out -> java.nio.file.Files.copy(file, out)), file);
    }
}
