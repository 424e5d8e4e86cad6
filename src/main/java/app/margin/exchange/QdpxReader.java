package app.margin.exchange;

import app.margin.problem.ProblemException;
import app.margin.problem.TextCharacters;
import app.margin.problem.Words;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the entries of a .qdpx archive into a {@link Parsed} model and checks every reference in it, before
 * anything is stored. What Margin cannot hold (pictures, PDF regions, audio, video, sets, graphs) is listed in
 * {@code skipped}; references to things that are not in the file make the whole file a bad request.
 */
final class QdpxReader {
    record Code(String guid, String name, String color, String rawColor, String description, List<Code> children,
            List<String> noteRefs) {
    }

    record Coding(String guid, String codeGuid, String userGuid, List<String> noteRefs) {
    }

    /** A selection in UTF-16 offsets of the normalised text. */
    record Selection(String guid, int start, int end, String userGuid, List<Coding> codings, List<String> noteRefs) {
    }

    record Source(String guid, String name, String text, String userGuid, List<Selection> selections,
            List<String> noteRefs, Map<String, String> values) {
    }

    record Case(String guid, String name, Map<String, String> values, List<String> sourceGuids) {
    }

    record Note(String guid, String name, String text, String userGuid) {
    }

    record Parsed(String origin, String name, String description, Map<String, String> users, List<Code> codes,
            Map<String, String> variables, List<Case> cases, List<Source> sources, List<Note> notes,
            List<String> projectNoteRefs, List<String> skipped, List<String> warnings) {
    }

    /** The files of an archive, inflated only when read: only what project.qde refers to is ever read. */
    interface Entries {
        java.util.Collection<String> names();

        byte[] read(String name);

        /** Told, before any of them is read, of every entry the project will read (to reserve memory at once). */
        default void willRead(java.util.Collection<String> names) {
        }
    }

    private final Entries entries;
    private final Map<String, String> entryByLowerName = new HashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Set<String> codeGuids = new HashSet<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Set<String> noteGuids = new HashSet<>();
    private final Set<String> nonTextSources = new HashSet<>();
    /** Notes attached through Link elements (NVivo), by the GUID of the object they annotate. */
    private final Map<String, List<String>> linkedNotes = new HashMap<>();

    private QdpxReader(Entries entries) {
        this.entries = entries;
        entries.names().forEach(k -> entryByLowerName.put(k.toLowerCase(Locale.ROOT), k));
    }

    static Parsed read(Entries entries) {
        return new QdpxReader(entries).parse();
    }

    /** Reads entries held in memory (for tests and fuzzing: no archive, no limits). */
    static Parsed read(Map<String, byte[]> entries) {
        return read(new Entries() {
            @Override
            public java.util.Collection<String> names() {
                return entries.keySet();
            }

            @Override
            public byte[] read(String name) {
                return entries.get(name);
            }
        });
    }

    private Parsed parse() {
        String qdeName = projectEntry();
        Element project = SafeXml.parse(entries.read(qdeName), "‘" + qdeName + "’").getDocumentElement();
        if (!"Project".equals(local(project))) {
            throw bad("‘" + qdeName + "’ is not a REFI-QDA project: its root element is <" + local(project)
                    + ">, not <Project>.");
        }
        entries.willRead(referencedEntries(project));
        for (Element u : children(child(project, "Users"), "User")) {
            String name = u.getAttribute("name").isBlank() ? u.getAttribute("id") : u.getAttribute("name");
            users.put(guid(u, "guid", "User"), name.isBlank() ? "unnamed user" : name.strip());
        }
        // notes next: everything else may refer to them
        List<Note> notes = new ArrayList<>();
        for (Element n : children(child(project, "Notes"), "Note")) {
            String guid = guid(n, "guid", "Note");
            noteGuids.add(guid);
            Element content = child(n, "PlainTextContent");
            String text = content != null ? content.getTextContent() : textOf(n.getAttribute("plainTextPath"), null);
            if (text == null) {
                Element description = child(n, "Description");
                text = description == null ? "" : description.getTextContent();
            }
            notes.add(new Note(guid, n.getAttribute("name"), Positions.normalise(TextCharacters.withoutForbidden(text)).text(),
                    optionalGuid(n, "creatingUser")));
        }
        readLinks(child(project, "Links"));
        List<Code> codes = new ArrayList<>();
        Element codebook = child(project, "CodeBook");
        if (codebook != null) {
            for (Element c : children(child(codebook, "Codes"), "Code")) {
                codes.add(code(c));
            }
        }
        for (Element v : children(child(project, "Variables"), "Variable")) {
            variables.put(guid(v, "guid", "Variable"), v.getAttribute("name"));
        }
        List<Source> sources = new ArrayList<>();
        Set<String> sourceGuids = new HashSet<>();
        Element sourcesElement = child(project, "Sources");
        if (sourcesElement != null) {
            for (Element s : elements(sourcesElement)) {
                String guid = guid(s, "guid", local(s));
                sourceGuids.add(guid);
                if ("TextSource".equals(local(s))) {
                    Source source = source(s, guid);
                    if (source != null) {
                        sources.add(source);
                    } else {
                        nonTextSources.add(guid);
                    }
                } else {
                    nonTextSources.add(guid);
                    int codings = s.getElementsByTagNameNS("*", "Coding").getLength();
                    skipped.add(kind(local(s)) + " ‘" + s.getAttribute("name") + "’"
                            + (codings > 0 ? " with " + Words.count(codings, "coding") : "")
                            + ": Margin holds text only.");
                }
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Element c : children(child(project, "Cases"), "Case")) {
            String guid = guid(c, "guid", "Case");
            List<String> members = new ArrayList<>();
            for (Element ref : children(c, "SourceRef")) {
                String target = reference(ref, "Case ‘" + c.getAttribute("name") + "’ (SourceRef)");
                if (!sourceGuids.contains(target)) {
                    throw dangling("Case ‘" + c.getAttribute("name") + "’", "source", target);
                }
                if (!nonTextSources.contains(target)) {
                    members.add(target);
                }
            }
            int other = children(c, "CodeRef").size() + children(c, "SelectionRef").size();
            if (other > 0) {
                skipped.add("Case ‘" + c.getAttribute("name") + "’: " + Words.count(other, "link")
                        + " to codes or selections (Margin links cases to whole documents).");
            }
            String name = c.getAttribute("name").isBlank() ? "Case " + (cases.size() + 1) : c.getAttribute("name").strip();
            cases.add(new Case(guid, name, values(c, "Case ‘" + name + "’"), members));
        }
        for (String other : List.of("Sets", "Graphs")) {
            int n = elements(child(project, other)).size();
            if (n > 0) {
                skipped.add(n + " " + other.toLowerCase(Locale.ROOT) + " (" + (other.equals("Sets")
                        ? "groups of codes or sources" : "diagrams") + "): Margin has no place for them.");
            }
        }
        List<String> projectNotes = noteRefs(project, "the project");
        Element description = child(project, "Description");
        return new Parsed(project.getAttribute("origin"), project.getAttribute("name"),
                description == null ? null : description.getTextContent(), users, codes, variables, cases, sources,
                notes, projectNotes, skipped, warnings);
    }

    /** project.qde at the root in any case; else the one .qde file at the root (ATLAS.ti 26 names it after the project). */
    private String projectEntry() {
        String exact = entryByLowerName.get("project.qde");
        if (exact != null) {
            return exact;
        }
        List<String> qde = entries.names().stream()
                .filter(n -> !n.contains("/") && n.toLowerCase(Locale.ROOT).endsWith(".qde")).toList();
        if (qde.size() == 1) {
            return qde.getFirst();
        }
        throw bad(qde.isEmpty() ? "The archive has no project.qde: it is not a REFI-QDA project (.qdpx)."
                : "The archive has several .qde files and no project.qde; Margin cannot tell which is the project.");
    }

    private Code code(Element c) {
        String guid = guid(c, "guid", "Code");
        if (!codeGuids.add(guid)) {
            throw bad("The code GUID " + guid + " appears twice in the codebook.");
        }
        List<Code> children = new ArrayList<>();
        for (Element child : children(c, "Code")) {
            children.add(code(child));
        }
        Element description = child(c, "Description");
        String name = c.getAttribute("name");
        String rawColor = c.getAttribute("color");
        String color = QdaXml.normaliseColor(rawColor);
        if (color == null && !rawColor.isBlank()) {
            warnings.add("Code ‘" + name + "’: the colour ‘" + rawColor + "’ is not #RRGGBB; a default colour was used.");
        }
        return new Code(guid, name, color, rawColor, description == null ? null : description.getTextContent(),
                children, noteRefs(c, "code ‘" + name + "’"));
    }

    private Source source(Element s, String guid) {
        String path = s.getAttribute("plainTextPath").replaceAll(".*[/\\\\]", "").replaceAll("\\.[^.]*$", "");
        String name = !s.getAttribute("name").isBlank() ? s.getAttribute("name").strip()
                : !path.isBlank() ? path : "Source " + guid;
        Element content = child(s, "PlainTextContent");
        String raw = content != null ? content.getTextContent() : textOf(s.getAttribute("plainTextPath"), name);
        if (raw == null) {
            return null;
        }
        int forbidden = TextCharacters.firstForbidden(raw);
        if (forbidden >= 0) {
            throw bad("Source ‘" + name + "’ contains " + TextCharacters.describe(raw, forbidden)
                    + ", which Margin does not store: it is not plain text.");
        }
        Positions.Normalised text = Positions.normalise(raw);
        List<Selection> selections = new ArrayList<>();
        String sourceUser = optionalGuid(s, "creatingUser");
        for (Element sel : children(s, "PlainTextSelection")) {
            String selGuid = guid(sel, "guid", "PlainTextSelection");
            List<Coding> codings = codings(sel, "selection ‘" + sel.getAttribute("name") + "’ in ‘" + name + "’");
            List<String> notes = noteRefs(sel, "a selection in ‘" + name + "’");
            long start = position(sel, "startPosition", name);
            long end = position(sel, "endPosition", name);
            int from = text.offset(start);
            int to = text.offset(end);
            if (from < 0 || to < 0 || from >= to) {
                skipped.add("A selection in ‘" + name + "’ at positions " + start + "–" + end + " (the text has "
                        + (text.offsetOfCodePoint().length - 1) + " characters)"
                        + (from >= 0 && to >= 0 ? " is empty" : " lies outside the text") + "; its "
                        + Words.count(codings.size(), "coding") + (codings.size() == 1 ? " was" : " were") + " not imported.");
                continue;
            }
            if (codings.isEmpty()) {
                Element d = child(sel, "Description");
                skipped.add("A selection without a code in ‘" + name + "’ (positions " + start + "–" + end + ")"
                        + (d != null && !d.getTextContent().isBlank() ? " with the description ‘"
                        + clip(d.getTextContent().strip(), 80) + "’" : "") + ": Margin keeps only coded text.");
                continue;
            }
            String user = optionalGuid(sel, "creatingUser");
            selections.add(new Selection(selGuid, from, to, user != null ? user : sourceUser, codings, notes));
        }
        List<Coding> whole = codings(s, "source ‘" + name + "’");
        if (!whole.isEmpty() && !text.text().isEmpty()) {
            selections.add(new Selection(guid, 0, text.text().length(), sourceUser, whole, List.of()));
        }
        for (String other : List.of("PictureSelection", "PDFSelection")) {
            int n = children(s, other).size();
            if (n > 0) {
                skipped.add(Words.count(n, "region selection") + " in ‘" + name + "’.");
            }
        }
        return new Source(guid, name, text.text(), sourceUser, selections, noteRefs(s, "source ‘" + name + "’"),
                values(s, "source ‘" + name + "’"));
    }

    private List<Coding> codings(Element parent, String where) {
        List<Coding> codings = new ArrayList<>();
        for (Element c : children(parent, "Coding")) {
            String guid = guid(c, "guid", "Coding");
            Element ref = child(c, "CodeRef");
            if (ref == null) {
                throw bad("A coding in " + where + " names no code (CodeRef).");
            }
            String code = reference(ref, "a coding in " + where);
            if (!codeGuids.contains(code)) {
                throw dangling("A coding in " + where, "code", code);
            }
            List<String> notes = new ArrayList<>(noteRefs(c, "a coding in " + where));
            codings.add(new Coding(guid, code, optionalGuid(c, "creatingUser"), notes));
        }
        return codings;
    }

    private void readLinks(Element links) {
        for (Element link : children(links, "Link")) {
            String origin = QdaXml.normaliseGuid(link.getAttribute("originGUID"));
            String target = QdaXml.normaliseGuid(link.getAttribute("targetGUID"));
            List<String> notes = new ArrayList<>(noteRefs(link, "a link"));
            String annotated = null;
            if (target != null && noteGuids.contains(target)) {
                notes.add(target);
                annotated = origin;
            } else if (origin != null && noteGuids.contains(origin)) {
                notes.add(origin);
                annotated = target;
            } else if (!notes.isEmpty()) {
                annotated = origin;
            }
            if (annotated != null && !notes.isEmpty()) {
                linkedNotes.computeIfAbsent(annotated, k -> new ArrayList<>()).addAll(notes);
            } else {
                skipped.add("A link ‘" + link.getAttribute("name") + "’ between two objects: Margin has no links.");
            }
        }
    }

    /** Note GUIDs attached to an element directly or through a Link. */
    private List<String> noteRefs(Element e, String where) {
        List<String> refs = new ArrayList<>();
        for (Element ref : children(e, "NoteRef")) {
            String target = reference(ref, where + " (NoteRef)");
            if (!noteGuids.contains(target)) {
                throw dangling("A note reference of " + where, "note", target);
            }
            refs.add(target);
        }
        String guid = QdaXml.normaliseGuid(e.getAttribute("guid"));
        if (guid != null) {
            refs.addAll(linkedNotes.getOrDefault(guid, List.of()));
        }
        return refs;
    }

    private Map<String, String> values(Element e, String where) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Element v : children(e, "VariableValue")) {
            Element ref = child(v, "VariableRef");
            if (ref == null) {
                throw bad("A variable value of " + where + " names no variable (VariableRef).");
            }
            String variable = reference(ref, where);
            if (!variables.containsKey(variable)) {
                throw dangling("A variable value of " + where, "variable", variable);
            }
            String value = null;
            for (Element typed : elements(v)) {
                if (!"VariableRef".equals(local(typed))) {
                    value = typed.getTextContent().strip();
                }
            }
            if (value != null && !value.isEmpty()) {
                values.put(variable, value);
            }
        }
        return values;
    }

    /** The text behind a plainTextPath, or null (reported) when the archive does not hold it. */
    private String textOf(String path, String sourceName) {
        if (path == null || path.isBlank()) {
            if (sourceName != null) {
                skipped.add("Source ‘" + sourceName + "’ has no plain text in the file.");
            }
            return null;
        }
        String what = sourceName == null ? "A note" : "Source ‘" + sourceName + "’";
        if (path.startsWith("absolute://")) {
            skipped.add(what + " points to a file on the computer that wrote it (" + path + "), not inside the archive.");
            return null;
        }
        if (!path.startsWith("internal://") && !path.startsWith("relative://")) {
            warnings.add(what + ": the path ‘" + path + "’ is not a REFI-QDA path (internal://…); looked for it in sources/.");
        }
        String entry = entryOf(path);
        if (entry == null) {
            throw bad(what + " refers to ‘" + path + "’, which is not in the archive.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(entries.read(entry))).toString();
        } catch (CharacterCodingException e) {
            throw bad(what + ": ‘" + entry + "’ is not UTF-8 text, as REFI-QDA requires for plain text.");
        }
    }

    /** The archive entry a plainTextPath names (internal://, relative:// or bare, under sources/ or not), or null. */
    private String entryOf(String path) {
        if (path.isBlank() || path.startsWith("absolute://")) {
            return null;
        }
        String relative = path.startsWith("internal://") ? path.substring("internal://".length())
                : path.startsWith("relative://") ? path.substring("relative://".length()) : path;
        SafeZip.requireSafeName(relative);
        String entry = entryByLowerName.get(("sources/" + relative).toLowerCase(Locale.ROOT));
        return entry != null ? entry : entryByLowerName.get(relative.toLowerCase(Locale.ROOT));
    }

    /** Every entry the project's sources and notes will read their text from. */
    private java.util.Collection<String> referencedEntries(Element project) {
        Set<String> referred = new java.util.LinkedHashSet<>();
        List<Element> withText = new ArrayList<>(children(child(project, "Notes"), "Note"));
        withText.addAll(children(child(project, "Sources"), "TextSource"));
        for (Element e : withText) {
            String entry = child(e, "PlainTextContent") == null ? entryOf(e.getAttribute("plainTextPath")) : null;
            if (entry != null) {
                referred.add(entry);
            }
        }
        return referred;
    }

    private long position(Element sel, String attribute, String source) {
        try {
            return Long.parseLong(sel.getAttribute(attribute).strip());
        } catch (NumberFormatException e) {
            throw bad("A selection in ‘" + source + "’ has no valid " + attribute + " (‘" + sel.getAttribute(attribute) + "’).");
        }
    }

    private String guid(Element e, String attribute, String what) {
        String guid = QdaXml.normaliseGuid(e.getAttribute(attribute));
        if (guid == null) {
            throw bad("A <" + what + "> has no valid GUID in ‘" + attribute + "’ (‘" + clip(e.getAttribute(attribute), 60) + "’).");
        }
        return guid;
    }

    private String optionalGuid(Element e, String attribute) {
        String value = e.getAttribute(attribute);
        if (value.isBlank()) {
            return null;
        }
        String guid = QdaXml.normaliseGuid(value);
        if (guid == null || !users.isEmpty() && !users.containsKey(guid)) {
            warnings.add("A reference to an unknown user (" + clip(value, 60) + ") was attributed to you.");
            return null;
        }
        return guid;
    }

    private String reference(Element ref, String where) {
        String target = QdaXml.normaliseGuid(ref.getAttribute("targetGUID"));
        if (target == null) {
            throw bad("A reference in " + where + " has no valid targetGUID.");
        }
        return target;
    }

    private static String kind(String element) {
        return switch (element) {
            case "PictureSource" -> "Picture";
            case "PDFSource" -> "PDF";
            case "AudioSource" -> "Audio";
            case "VideoSource" -> "Video";
            default -> element;
        };
    }

    static String local(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> children(Element parent, String name) {
        return elements(parent).stream().filter(e -> name.equals(local(e))).toList();
    }

    static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.getFirst();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static ProblemException bad(String detail) {
        return ProblemException.badRequest(detail).with("reason", "content");
    }

    private static ProblemException dangling(String who, String what, String guid) {
        return ProblemException.badRequest(who + " refers to the " + what + " " + guid
                + ", which is not in the file. The file is incomplete or damaged.").with("reason", "reference");
    }
}
