package app.margin.corpus.importer;

import app.margin.corpus.DocumentKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;

@ApplicationScoped
public class DocumentReader {
    public ImportedText read(String fileName, byte[] content, DocumentKind requestedKind) throws ImportRefusedException {
        if (content.length == 0) throw new ImportRefusedException("‘" + fileName + "’ is empty: there is no text to import.");
        String text = new String(content, StandardCharsets.UTF_8);
        return new ImportedText(text, DocumentKind.OTHER, List.of(new TextUnit(0, text.length(), null, null)), null, "en");
    }
}
