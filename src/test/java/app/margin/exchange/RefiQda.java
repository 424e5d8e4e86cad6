package app.margin.exchange;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Assumptions;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The official REFI-QDA schemas and samples in ../shared/refi-qda (tests skip what needs them when absent). The
 * system property {@code refi-qda.dir} points elsewhere; .ci/run points it nowhere once to prove the skips.
 */
final class RefiQda {
    static final Path DIR = Path.of(System.getProperty("refi-qda.dir", "../shared/refi-qda"));

    private RefiQda() {
    }

    static Path require(String name) {
        Path p = DIR.resolve(name);
        Assumptions.assumeTrue(Files.exists(p), DIR + " is not present");
        return p;
    }

    /** Validates with javax.xml.validation against the named schema; fails the test with the first error. */
    static void validate(byte[] xml, String schema) {
        // Outside the try: the skip (TestAbortedException) when the schemas are absent must not become a failure.
        Path schemaFile = require(schema);
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Validator validator = factory.newSchema(schemaFile.toFile()).newValidator();
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            fail("Not valid against " + schema + " at line " + e.getLineNumber() + ":" + e.getColumnNumber() + ": "
                    + e.getMessage());
        } catch (SAXException | IOException e) {
            fail(e);
        }
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
