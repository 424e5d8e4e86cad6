package app.margin.problem;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A request declaring more than quarkus.http.limits.max-body-size is refused with a readable problem. */
@QuarkusTest
class RequestSizeLimitTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void anUploadOverTheLimitIsExplainedBeforeItsBodyIsSent() throws IOException {
        // A raw request: only the headers are sent, declaring 600 MB (over the 512 MB limit); no client sends that.
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/projects/1/documents HTTP/1.1\r\nHost: " + root.getHost() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 629145600\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response, startsWith("HTTP/1.1 413"));
            assertThat(response, containsString("application/problem+json"));
            assertThat(response, containsString("This request is 600.0 MB; Margin accepts at most 512.0 MB in one request."));
        }
    }
}
