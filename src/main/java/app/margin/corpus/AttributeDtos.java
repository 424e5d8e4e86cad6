package app.margin.corpus;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The case-attributes format (schemas/case-attributes.schema.json). Values are strings; an empty value removes
 * the attribute. Names are normalised (see {@link AttributeNames}).
 */
public final class AttributeDtos {
    private AttributeDtos() {
    }

    public record AttributesUpdate(List<CaseAttributes> cases, List<DocumentAttributes> documents) {
    }

    /** Attributes of one case; the case is created when the project does not have it. */
    public record CaseAttributes(@JsonProperty("case") String caseName, Map<String, String> attributes) {
    }

    /** Attributes of one document, named by id or by title; {@code case} also links it to a case. */
    public record DocumentAttributes(Long documentId, String document, @JsonProperty("case") String caseName,
            Map<String, String> attributes) {
    }

    public record CaseView(long id, String name, Map<String, String> attributes, List<Long> documentIds) {
    }

    public record AttributesResult(int casesUpdated, int casesCreated, int documentsUpdated) {
    }
}
