package app.margin.corpus;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The shapes of a batch import: files in, the manifest that describes them, and the per-file outcome. */
public final class ImportDtos {
    private ImportDtos() {
    }

    /** One uploaded file; its content is read only when it passes the size check. */
    public record IncomingFile(String fileName, long size, Content content) {
        @FunctionalInterface
        public interface Content {
            byte[] read() throws IOException;
        }
    }

    /** Values given once for the whole request (form fields); a title applies only when a single file is sent. */
    public record ImportDefaults(DocumentKind kind, String title, String language, String caseName, String date,
            String place, String author) {
        public static ImportDefaults none() {
            return new ImportDefaults(null, null, null, null, null, null, null);
        }
    }

    /** The batch import manifest (schemas/import-manifest.schema.json): metadata per file, matched by file name. */
    public record ImportManifest(List<ManifestEntry> files) {
        public ManifestEntry entryFor(String fileName) {
            if (files == null || fileName == null) {
                return null;
            }
            String base = baseName(fileName);
            return files.stream().filter(e -> e.file() != null
                    && (e.file().equals(fileName) || baseName(e.file()).equals(base))).findFirst().orElse(null);
        }

        private static String baseName(String path) {
            return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        }
    }

    public record ManifestEntry(String file, DocumentKind kind, String title, String language,
            @JsonProperty("case") String caseName, String date, String place, String author,
            Map<String, String> attributes) {
    }

    public record ImportResult(List<ImportedDocument> imported, List<FailedFile> failed) {
    }

    public record ImportedDocument(long id, String title, DocumentKind kind, int length, String language,
            String file, int units) {
    }

    /** A file that was not imported, and why, in words a researcher understands. */
    public record FailedFile(String file, String reason) {
    }
}
