package app.margin.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSpoolTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (var list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void writesAFileAndLeavesNothingBehindWhenWritingFails() throws IOException {
        ExportSpool spool = new ExportSpool(dir);
        Path written = spool.write(out -> out.write("quote".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("quote".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(written));
        assertEquals(List.of(written), files());

        assertThrows(IllegalStateException.class, () -> spool.write(out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("refused half-way");
        }));
        assertEquals(List.of(written), files(), "a file refused half-way is deleted");
    }

    @Test
    void filesLeftByTheLastRunAreDeletedAtStart() throws IOException {
        Files.writeString(dir.resolve("export-1.part"), "participants' words");
        Files.writeString(dir.resolve("export-2.part"), "more");
        new ExportSpool(dir).onStart(null);
        assertEquals(List.of(), files());
    }

    @Test
    void aSpoolWhoseFolderDoesNotExistYetStartsAndCreatesItOnFirstWrite() throws IOException {
        ExportSpool spool = new ExportSpool(dir.resolve("exports"));
        spool.onStart(null);
        Path written = spool.write(out -> out.write(1));
        assertEquals(dir.resolve("exports"), written.getParent());
    }
}
