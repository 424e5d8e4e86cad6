package app.margin.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The RFC 9457 problem+json body. Extension members (such as field errors) are written beside the standard ones. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    public static Response response(int status, String title, String detail, Map<String, Object> extensions) {
        Problem body = new Problem("about:blank", title, status, detail, null, extensions == null ? Map.of() : extensions);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
