package app.margin.demo;

import app.margin.corpus.ImportDtos.ImportManifest;
import app.margin.corpus.ImportDtos.IncomingFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The fictional sample corpus, read from the classpath (the build copies sample-corpus/ into the application). */
final class SampleCorpus {
    static final String ROOT = "sample-corpus/";

    private final ObjectMapper json;

    SampleCorpus(ObjectMapper json) {
        this.json = json;
    }

    ImportManifest manifest() throws IOException {
        return json.readValue(bytes("manifest.json"), ImportManifest.class);
    }

    List<SampleCode> codebook() throws IOException {
        return json.readValue(bytes("codebook.json"), SampleCodebook.class).codes();
    }

    String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    IncomingFile file(String path) {
        byte[] content = bytes(path);
        return new IncomingFile(path, content.length, () -> content);
    }

    /** demo-codings/P01.csv for transcripts/P01.txt, or null when that document has no demo codings. */
    String demoCodingsFor(String documentPath) {
        String base = documentPath.substring(documentPath.lastIndexOf('/') + 1);
        String name = "demo-codings/" + base.substring(0, base.lastIndexOf('.')) + ".csv";
        return exists(name) ? text(name) : null;
    }

    private boolean exists(String path) {
        return Thread.currentThread().getContextClassLoader().getResource(ROOT + path) != null;
    }

    private byte[] bytes(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("The application is missing " + ROOT + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record SampleCodebook(List<SampleCode> codes) {
    }

    record SampleCode(String name, String color, String definition, String inclusion, String exclusion,
            String example, List<SampleCode> children) {
    }
}
