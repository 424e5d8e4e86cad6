package app.margin.project;

import app.margin.identity.ProjectRole;
import app.margin.problem.TextLimits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request and response records of the project feature. */
public final class ProjectDtos {
    private ProjectDtos() {
    }

    public record CreateProjectRequest(@NotBlank(message = "A project needs a name.")
            @Size(max = TextLimits.PROJECT_NAME) String name, @Size(max = TextLimits.PROJECT_DESCRIPTION) String description) {
    }

    public record UpdateProjectRequest(@NotBlank(message = "A project needs a name.")
            @Size(max = TextLimits.PROJECT_NAME) String name, @Size(max = TextLimits.PROJECT_DESCRIPTION) String description,
            @NotNull(message = "Send the version you loaded, so a concurrent change is not overwritten.") Long version) {
    }

    /** A project as the caller sees it, with the caller's role. */
    public record ProjectView(long id, String name, String description, ProjectRole role, Instant createdAt,
            long version) {
    }

    public record AddMemberRequest(@NotBlank(message = "Say which user to add.") String username,
            @NotNull(message = "Choose a role: OWNER, SUPERVISOR, CODER or VIEWER.") ProjectRole role) {
    }

    public record ChangeRoleRequest(
            @NotNull(message = "Choose a role: OWNER, SUPERVISOR, CODER or VIEWER.") ProjectRole role) {
    }

    public record MemberView(long userId, String username, String displayName, ProjectRole role) {
    }
}
