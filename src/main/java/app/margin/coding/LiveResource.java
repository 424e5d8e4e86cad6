package app.margin.coding;

import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{pid}/events")
@Tag(name = "Codings and memos")
public class LiveResource {
    private final ProjectAccess access;
    private final LiveFeed feed;

    LiveResource(ProjectAccess access, LiveFeed feed) {
        this.access = access;
        this.feed = feed;
    }

    @GET
    @Blocking // the membership check reads the database before the stream starts
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live notices of changes to codings, memos and the codebook the caller may see (server-sent events)",
            description = "Each event is `{type: \"codings\"|\"memos\"|\"codebook\", documentId, seq}` (documentId "
                    + "null for a memo on a code or the project and for the codebook; a codebook event also has "
                    + "codeId, the code added, changed, moved, merged away or deleted), sent after the change commits "
                    + "and only when the caller may see it (the same layer and blind-round rule as GET …/codings). "
                    + "A merge or delete of a code is also a codings event for each document whose codings it moved "
                    + "or removed. No event carries text: read the codings, memos or codes again. A comment line "
                    + "every 15 s keeps the stream open. A stream that falls behind is ended; reconnect and reload.")
    public Multi<OutboundSseEvent> events(@PathParam("pid") long pid, @Context Sse sse) {
        var grant = access.require(pid, Permission.READ);
        return feed.follow(grant).map(n -> n == LiveFeed.Notice.HEARTBEAT ? sse.newEventBuilder().comment("still here").build()
                : sse.newEventBuilder().name(n.type()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(LiveFeed.Notice.class, n).build());
    }
}
