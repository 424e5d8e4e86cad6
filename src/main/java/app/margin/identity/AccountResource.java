package app.margin.identity;

import app.margin.problem.TextLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AccountResource {
    private final CurrentCaller caller;
    private final AccountService accounts;

    AccountResource(CurrentCaller caller, AccountService accounts) {
        this.caller = caller;
        this.accounts = accounts;
    }

    @GET
    @Path("/me")
    @Operation(summary = "The signed-in user")
    public UserView me() {
        return UserView.of(caller.user());
    }

    @PUT
    @Path("/me/password")
    @Operation(summary = "Change one's own password (local accounts)")
    public Response changePassword(@Valid ChangePasswordRequest request) {
        accounts.changeOwnPassword(request.currentPassword(), request.newPassword());
        return Response.noContent().build();
    }

    @GET
    @Path("/users")
    @Operation(summary = "All accounts (administrators)")
    public List<UserView> users() {
        return accounts.list().stream().map(UserView::of).toList();
    }

    @POST
    @Path("/users")
    @Operation(summary = "Create a local account (administrators)")
    public Response create(@Valid CreateUserRequest request) {
        AppUser user = accounts.create(request.username(), request.password(), request.displayName(),
                Boolean.TRUE.equals(request.admin()));
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    @PUT
    @Path("/users/{username}/enabled")
    @Operation(summary = "Disable or enable an account (administrators); disabling ends its sessions at once")
    public UserView setEnabled(@PathParam("username") String username, @Valid EnabledRequest request) {
        return UserView.of(accounts.setEnabled(username, request.enabled()));
    }

    @PUT
    @Path("/users/{username}/password")
    @Operation(summary = "Reset an account's password (administrators); its sessions end")
    public Response resetPassword(@PathParam("username") String username, @Valid ResetPasswordRequest request) {
        accounts.resetPassword(username, request.newPassword());
        return Response.noContent().build();
    }

    /** {@code email}: from the identity provider, for users who sign in there (absent for local accounts). */
    public record UserView(long id, String username, String displayName, boolean admin, boolean enabled,
            Instant createdAt, @com.fasterxml.jackson.annotation.JsonInclude(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String email) {
        static UserView of(AppUser u) {
            return new UserView(u.id, u.username, u.displayName, u.isAdmin(), u.enabled, u.createdAt, u.email);
        }
    }

    public record EnabledRequest(@NotNull(message = "Say whether the account is enabled: true or false.")
            Boolean enabled) {
    }

    public record ResetPasswordRequest(@NotBlank(message = "Choose a new password.") String newPassword) {
    }

    public record CreateUserRequest(@NotBlank(message = "Choose a user name.") @Size(max = TextLimits.USERNAME) String username,
            @NotBlank(message = "Choose a password.") String password,
            @Size(max = TextLimits.DISPLAY_NAME) String displayName, Boolean admin) {
    }

    public record ChangePasswordRequest(String currentPassword,
            @NotBlank(message = "Choose a new password.") String newPassword) {
    }
}
