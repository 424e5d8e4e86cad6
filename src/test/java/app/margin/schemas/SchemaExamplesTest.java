package app.margin.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Margin's own formats: the examples and the sample corpus validate, broken documents do not. */
class SchemaExamplesTest {
    static final Path SCHEMAS = Path.of("schemas");

    @Test
    void manifestExamplesValidate() throws IOException {
        Schema schema = schema("import-manifest.schema.json");
        assertEquals(List.of(), messages(schema.validate(read(SCHEMAS.resolve("examples/import-manifest.json")), InputFormat.JSON)));
        assertEquals(List.of(), messages(schema.validate(read(Path.of("sample-corpus/manifest.json")), InputFormat.JSON)));
    }

    @Test
    void brokenManifestsAreRejected() throws IOException {
        Schema schema = schema("import-manifest.schema.json");
        assertFalse(schema.validate("{\"files\":[{\"kind\":\"TRANSCRIPT\"}]}", InputFormat.JSON).isEmpty(), "file is required");
        assertFalse(schema.validate("{\"files\":[{\"file\":\"a.txt\",\"kind\":\"POEM\"}]}", InputFormat.JSON).isEmpty());
        assertFalse(schema.validate("{\"files\":[{\"file\":\"a.txt\",\"date\":\"7 May\"}]}", InputFormat.JSON).isEmpty());
    }

    @Test
    void caseAttributeExamplesValidate() throws IOException {
        Schema schema = schema("case-attributes.schema.json");
        assertEquals(List.of(), messages(schema.validate(read(SCHEMAS.resolve("examples/case-attributes.json")), InputFormat.JSON)));
        assertFalse(schema.validate("{\"cases\":[{\"attributes\":{}}]}", InputFormat.JSON).isEmpty(), "case is required");
        assertFalse(schema.validate("{\"cases\":[{\"case\":\"P1\",\"attributes\":{\"age\":41}}]}", InputFormat.JSON).isEmpty(),
                "values are strings");
        assertFalse(schema.validate("{}", InputFormat.JSON).isEmpty(), "something must be set");
    }

    private static Schema schema(String name) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(read(SCHEMAS.resolve(name)));
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path);
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::getMessage).toList();
    }
}
