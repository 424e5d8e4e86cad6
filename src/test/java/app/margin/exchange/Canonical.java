package app.margin.exchange;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * A .qdpx reduced to what a researcher would call "the same project", independent of GUIDs, ids and order:
 * texts by source name, codes by path, codings, notes with what they are attached to, cases and attributes.
 */
record Canonical(Map<String, String> texts, TreeSet<String> codes, TreeSet<String> codings, TreeSet<String> notes,
        TreeSet<String> cases, TreeSet<String> sourceValues) {

    static Canonical of(byte[] qdpx) throws Exception {
        Map<String, byte[]> entries = RefiQda.unzip(qdpx);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element project = f.newDocumentBuilder().parse(new ByteArrayInputStream(entries.get("project.qde")))
                .getDocumentElement();
        Map<String, String> users = new HashMap<>();
        for (Element u : QdpxReader.children(QdpxReader.child(project, "Users"), "User")) {
            users.put(u.getAttribute("guid"), u.getAttribute("name"));
        }
        Map<String, String> variables = new HashMap<>();
        for (Element v : QdpxReader.children(QdpxReader.child(project, "Variables"), "Variable")) {
            variables.put(v.getAttribute("guid"), v.getAttribute("name"));
        }
        Map<String, String> notes = new HashMap<>();
        for (Element n : QdpxReader.children(QdpxReader.child(project, "Notes"), "Note")) {
            notes.put(n.getAttribute("guid"), n.getAttribute("name") + "|" + QdpxReader.child(n, "PlainTextContent")
                    .getTextContent() + "|" + users.get(n.getAttribute("creatingUser")));
        }
        Map<String, String> codePaths = new HashMap<>();
        TreeSet<String> codes = new TreeSet<>();
        TreeSet<String> noted = new TreeSet<>();
        Element codebook = QdpxReader.child(project, "CodeBook");
        if (codebook != null) {
            codes(QdpxReader.children(QdpxReader.child(codebook, "Codes"), "Code"), "", codePaths, codes, notes, noted);
        }
        Map<String, String> texts = new TreeMap<>();
        Map<String, String> sourceNames = new HashMap<>();
        TreeSet<String> codings = new TreeSet<>();
        TreeSet<String> sourceValues = new TreeSet<>();
        for (Element s : QdpxReader.children(QdpxReader.child(project, "Sources"), "TextSource")) {
            String name = s.getAttribute("name");
            sourceNames.put(s.getAttribute("guid"), name);
            String path = s.getAttribute("plainTextPath").replace("internal://", "sources/");
            texts.put(name, new String(entries.get(path), StandardCharsets.UTF_8));
            for (Element sel : QdpxReader.children(s, "PlainTextSelection")) {
                for (Element c : QdpxReader.children(sel, "Coding")) {
                    String key = name + "|" + codePaths.get(QdpxReader.child(c, "CodeRef").getAttribute("targetGUID"))
                            + "|" + sel.getAttribute("startPosition") + "-" + sel.getAttribute("endPosition") + "|"
                            + users.get(c.getAttribute("creatingUser"));
                    codings.add(key);
                    refs(c, "coding " + key, notes, noted);
                }
            }
            refs(s, "source " + name, notes, noted);
            for (Element v : QdpxReader.children(s, "VariableValue")) {
                sourceValues.add(name + "|" + variables.get(QdpxReader.child(v, "VariableRef").getAttribute("targetGUID"))
                        + "=" + QdpxReader.child(v, "TextValue").getTextContent());
            }
        }
        TreeSet<String> cases = new TreeSet<>();
        for (Element c : QdpxReader.children(QdpxReader.child(project, "Cases"), "Case")) {
            TreeSet<String> parts = new TreeSet<>();
            for (Element v : QdpxReader.children(c, "VariableValue")) {
                parts.add(variables.get(QdpxReader.child(v, "VariableRef").getAttribute("targetGUID")) + "="
                        + QdpxReader.child(v, "TextValue").getTextContent());
            }
            for (Element r : QdpxReader.children(c, "SourceRef")) {
                parts.add("source " + sourceNames.get(r.getAttribute("targetGUID")));
            }
            cases.add(c.getAttribute("name") + " " + parts);
        }
        refs(project, "project", notes, noted);
        return new Canonical(texts, codes, codings, noted, cases, sourceValues);
    }

    private static void codes(List<Element> list, String prefix, Map<String, String> paths, TreeSet<String> out,
            Map<String, String> notes, TreeSet<String> noted) {
        for (Element c : list) {
            String path = prefix + c.getAttribute("name");
            paths.put(c.getAttribute("guid"), path);
            Element d = QdpxReader.child(c, "Description");
            out.add(path + "|" + c.getAttribute("color") + "|" + (d == null ? "" : d.getTextContent()));
            refs(c, "code " + path, notes, noted);
            codes(QdpxReader.children(c, "Code"), path + " > ", paths, out, notes, noted);
        }
    }

    private static void refs(Element e, String target, Map<String, String> notes, TreeSet<String> noted) {
        for (Element r : QdpxReader.children(e, "NoteRef")) {
            noted.add(target + " :: " + notes.get(r.getAttribute("targetGUID")));
        }
    }
}
