package app.margin.project;

import app.margin.project.ProjectDtos.AddMemberRequest;
import app.margin.project.ProjectDtos.ChangeRoleRequest;
import app.margin.project.ProjectDtos.CreateProjectRequest;
import app.margin.project.ProjectDtos.MemberView;
import app.margin.project.ProjectDtos.ProjectView;
import app.margin.project.ProjectDtos.UpdateProjectRequest;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Projects and members")
public class ProjectResource {
    private final ProjectService projects;

    ProjectResource(ProjectService projects) {
        this.projects = projects;
    }

    @GET
    @Operation(summary = "Projects the caller is a member of, with the caller's role")
    public List<ProjectView> list() {
        return projects.mine();
    }

    @POST
    @Operation(summary = "Create a project; the caller becomes its OWNER")
    public Response create(@Valid CreateProjectRequest request) {
        ProjectView created = projects.create(request);
        return Response.created(URI.create("/api/v1/projects/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{pid}")
    public ProjectView get(@PathParam("pid") long pid) {
        return projects.get(pid);
    }

    @PUT
    @Path("/{pid}")
    @Operation(summary = "Rename a project or change its description (OWNER)")
    public ProjectView update(@PathParam("pid") long pid, @Valid UpdateProjectRequest request) {
        return projects.update(pid, request);
    }

    @DELETE
    @Path("/{pid}")
    @Operation(summary = "Delete a project and everything in it (OWNER); its audit log is kept")
    public Response delete(@PathParam("pid") long pid) {
        projects.delete(pid);
        return Response.noContent().build();
    }

    @GET
    @Path("/{pid}/members")
    public List<MemberView> members(@PathParam("pid") long pid) {
        return projects.members(pid);
    }

    @POST
    @Path("/{pid}/members")
    @Operation(summary = "Add a member with a role: OWNER, SUPERVISOR, CODER or VIEWER (OWNER)")
    public Response addMember(@PathParam("pid") long pid, @Valid AddMemberRequest request) {
        MemberView added = projects.addMember(pid, request.username(), request.role());
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    @PUT
    @Path("/{pid}/members/{username}")
    @Operation(summary = "Change a member's role (OWNER)")
    public MemberView changeRole(@PathParam("pid") long pid, @PathParam("username") String username,
            @Valid ChangeRoleRequest request) {
        return projects.changeRole(pid, username, request.role());
    }

    @DELETE
    @Path("/{pid}/members/{username}")
    @Operation(summary = "Remove a member (OWNER); their codings stay")
    public Response removeMember(@PathParam("pid") long pid, @PathParam("username") String username) {
        projects.removeMember(pid, username);
        return Response.noContent().build();
    }
}
