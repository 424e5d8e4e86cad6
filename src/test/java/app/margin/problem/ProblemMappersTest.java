package app.margin.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Failures that no request can provoke on purpose in a test server, mapped directly. */
class ProblemMappersTest {

    @Test
    void runningOutOfMemoryIsSaidAsSuchWithWhatToDoEvenWhenWrapped() {
        for (Throwable failure : new Throwable[] {new OutOfMemoryError("Java heap space"),
                new IllegalStateException("transaction failed", new OutOfMemoryError("Java heap space"))}) {
            Response response = new ProblemMappers().unexpected(failure);
            assertEquals(503, response.getStatus());
            assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
            Problem problem = (Problem) response.getEntity();
            assertEquals("Out of memory", problem.title());
            assertTrue(problem.detail().startsWith("Margin ran out of memory while answering this request and did not "
                    + "complete it. Ask for less at once"), problem.detail());
            assertTrue(problem.detail().endsWith(problem.extensions().get("reference") + "."), problem.detail());
        }
    }

    @Test
    void anyOtherUnforeseenFailureIsA500WithAReferenceAndNoDetailsOfTheCode() {
        Response response = new ProblemMappers().unexpected(new NullPointerException("secret.field"));
        assertEquals(500, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertEquals("Margin hit an unexpected problem and did not complete this request. Report reference "
                + problem.extensions().get("reference") + " to your administrator.", problem.detail());
    }
}
