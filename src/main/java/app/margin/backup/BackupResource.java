package app.margin.backup;

import app.margin.backup.BackupDtos.BackupView;
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

@Path("/api/v1/admin/backups")
@Tag(name = "Administration")
public class BackupResource {
    private final BackupService backups;

    BackupResource(BackupService backups) {
        this.backups = backups;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Back up the whole installation now, while everyone keeps working (administrators)",
            description = "Embedded H2: 201 when the file is complete, in <data-dir>/backups or margin.backup.dir; "
                    + "unpacked into an empty folder it is a data directory (docs/backup.md). PostgreSQL: 409 "
                    + "saying to use pg_dump.")
    public Response create() {
        BackupView backup = backups.create();
        return Response.created(URI.create(backup.download())).entity(backup).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The backups in the backup folder, newest first (administrators)")
    public List<BackupView> list() {
        return backups.list();
    }

    @GET
    @Path("/{name}")
    @Produces("application/zip")
    @Operation(summary = "Download one backup (administrators)")
    public Response download(@PathParam("name") String name) {
        java.nio.file.Path file = backups.file(name);
        return Response.ok(file.toFile(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                .build();
    }
}
