package app.margin.exchange;

import app.margin.codebook.CodeDtos.CodeView;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** What Margin's REFI-QDA writer and reader share: GUIDs, code descriptions, colours, the codebook XML. */
final class QdaXml {
    static final String PROJECT_NS = "urn:QDA-XML:project:1.0";
    static final String CODEBOOK_NS = "urn:QDA-XML:codebook:1.0";
    static final String ORIGIN = "Margin";

    private static final Pattern COLOR = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})");
    private static final Pattern GUID = Pattern.compile(
            "\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})}?");
    private static final List<String> LABELS = List.of("Include when: ", "Exclude when: ", "Example: ");

    private QdaXml() {
    }

    /** A stable GUID for a Margin row: exporting twice gives the same GUIDs. */
    static String guid(String kind, long id) {
        return UUID.nameUUIDFromBytes(("margin/" + kind + "/" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A GUID in one form (lower case, no braces), or null when the value is not a GUID. */
    static String normaliseGuid(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = GUID.matcher(value.strip());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** "#abc" → "#aabbcc", "#AABBCC" → "#aabbcc"; anything else (rgb(), alpha) → null. */
    static String normaliseColor(String value) {
        if (value == null || !COLOR.matcher(value.strip()).matches()) {
            return null;
        }
        String hex = value.strip().substring(1).toLowerCase(Locale.ROOT);
        if (hex.length() == 3) {
            hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
        }
        return "#" + hex;
    }

    static String timestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * A code's definition, inclusion and exclusion criteria and example in the one Description REFI-QDA has: the
     * definition first, then labelled paragraphs, which {@link #parseDescription} splits again.
     */
    static String description(String definition, String inclusion, String exclusion, String example) {
        List<String> parts = new ArrayList<>();
        if (definition != null && !definition.isBlank()) {
            parts.add(definition.strip());
        }
        String[] values = {inclusion, exclusion, example};
        for (int i = 0; i < 3; i++) {
            if (values[i] != null && !values[i].isBlank()) {
                parts.add(LABELS.get(i) + values[i].strip());
            }
        }
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    /** The inverse of {@link #description}: [definition, inclusion, exclusion, example], each possibly null. */
    static String[] parseDescription(String description) {
        String[] out = new String[4];
        if (description == null || description.isBlank()) {
            return out;
        }
        List<String> definition = new ArrayList<>();
        int current = 0;
        Map<Integer, List<String>> sections = new HashMap<>();
        for (String paragraph : description.replace("\r\n", "\n").strip().split("\n\n")) {
            int label = -1;
            for (int i = 0; i < LABELS.size(); i++) {
                if (paragraph.startsWith(LABELS.get(i))) {
                    label = i;
                }
            }
            if (label >= 0) {
                current = label + 1;
                sections.computeIfAbsent(current, k -> new ArrayList<>()).add(paragraph.substring(LABELS.get(label).length()));
            } else if (current == 0) {
                definition.add(paragraph);
            } else {
                sections.get(current).add(paragraph);
            }
        }
        out[0] = definition.isEmpty() ? null : String.join("\n\n", definition);
        for (int i = 1; i <= 3; i++) {
            out[i] = sections.containsKey(i) ? String.join("\n\n", sections.get(i)) : null;
        }
        return out;
    }

    /** Every XML Margin writes comes from here: refuses characters XML cannot carry (StorableXml). */
    static XMLStreamWriter writer(OutputStream out) {
        try {
            return StorableXml.guard(XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8"));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code <Code>} elements for the codes under {@code parentId}, depth first. */
    static void writeCodes(XMLStreamWriter w, List<CodeView> codes, Long parentId, Map<Long, List<String>> noteRefs)
            throws XMLStreamException {
        for (CodeView c : codes) {
            if (!java.util.Objects.equals(c.parentId(), parentId)) {
                continue;
            }
            w.writeStartElement("Code");
            w.writeAttribute("guid", guid("code", c.id()));
            w.writeAttribute("name", c.name());
            w.writeAttribute("isCodable", "true");
            if (normaliseColor(c.color()) != null) {
                w.writeAttribute("color", normaliseColor(c.color()));
            }
            String description = description(c.definition(), c.inclusion(), c.exclusion(), c.example());
            if (description != null) {
                element(w, "Description", description);
            }
            for (String note : noteRefs.getOrDefault(c.id(), List.of())) {
                w.writeEmptyElement("NoteRef");
                w.writeAttribute("targetGUID", note);
            }
            writeCodes(w, codes, c.id(), noteRefs);
            w.writeEndElement();
        }
    }

    static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    /** A bare REFI-QDA codebook document (.qdc). */
    static void codebook(List<CodeView> codes, OutputStream out) {
        try {
            XMLStreamWriter w = writer(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("CodeBook");
            w.writeDefaultNamespace(CODEBOOK_NS);
            w.writeAttribute("origin", ORIGIN);
            w.writeStartElement("Codes");
            writeCodes(w, codes, null, Map.of());
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
