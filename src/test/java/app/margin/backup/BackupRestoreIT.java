package app.margin.backup;

import app.margin.support.Folders;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The packaged Margin, backed up while two coders keep coding, restored into a fresh data directory and started
 * again: every project must come back exactly as it was at the backup point. "Exactly" is checked on what users and
 * other tools see: projects, members, accounts, documents with their text, the codebook, codings, memos, the audit
 * chain (the same events with the same hashes, and valid) and the .qdpx export of every project (its XML compared
 * element by element, time of export aside). The coders' writes form a sequence per coder; the restored data must
 * hold a prefix of each sequence: every write answered before the backup was asked for, none asked for after the
 * backup was answered, and nothing in between missing out of order.
 */
class BackupRestoreIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String ADMIN_PASSWORD = "backup-it-admin-pw";
    private static final String PASSWORD = "correct-horse-battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the coders keep writing at most, and how many writes each makes at most: the load always ends. */
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(90);
    private static final int MAX_WRITES = 4000;

    private final List<MarginProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(MarginProcess::stop);
    }

    @Test
    void backupUnderLoadRestoresEveryProjectExactly() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "Package Margin first (./mvnw package): " + JAR + " is missing");
        Path root = Files.createDirectories(Path.of("target", "backup-it"));
        Path sourceDir = fresh(root.resolve("source"));
        Path restoredDir = root.resolve("restored");
        Folders.delete(restoredDir);

        MarginProcess source = start(sourceDir, Map.of("MARGIN_ADMIN_PASSWORD", ADMIN_PASSWORD));
        Client admin = new Client(source.base(), "admin", ADMIN_PASSWORD);
        Fixture fixture = Fixture.build(admin, source.base());

        // two coders keep coding (and writing memos on their codings) while the backup is taken
        List<Writer> writers = List.of(new Writer(new Client(source.base(), fixture.coder1, PASSWORD), fixture, 0),
                new Writer(new Client(source.base(), fixture.coder2, PASSWORD), fixture, 1));
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = writers.stream().map(w -> Thread.ofPlatform().name("writer").start(() -> w.run(stop)))
                .toList();
        awaitWrites(writers, 40);
        long askedAt = System.nanoTime();
        JsonNode backup = admin.post("/api/v1/admin/backups", null, 201);
        long answeredAt = System.nanoTime();
        int before = writers.stream().mapToInt(w -> w.ops.size()).sum();
        awaitWrites(writers, before + 40);
        stop.set(true);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30));
        }
        for (Writer w : writers) {
            if (w.failure != null) {
                throw new AssertionError("A coder's write failed during the backup", w.failure);
            }
        }
        long overlapping = writers.stream().flatMap(w -> w.ops.stream())
                .filter(op -> op.sentAt < answeredAt && op.answeredAt > askedAt).count();
        System.out.printf("BackupRestoreIT: backup %s, %d bytes, %d ms; %d writes in all, %d of them in flight "
                        + "during the backup, slowest write during it %d ms%n", backup.get("file").asText(),
                backup.get("sizeBytes").asLong(), (answeredAt - askedAt) / 1_000_000,
                writers.stream().mapToInt(w -> w.ops.size()).sum(), overlapping,
                writers.stream().flatMap(w -> w.ops.stream()).filter(op -> op.sentAt < answeredAt
                        && op.answeredAt > askedAt).mapToLong(op -> (op.answeredAt - op.sentAt) / 1_000_000).max()
                        .orElse(0));

        Path zip = sourceDir.resolve("backups").resolve(backup.get("file").asText());
        byte[] downloaded = admin.bytes(backup.get("download").asText());
        assertEquals(backup.get("sha256").asText(), sha256(downloaded), "the download is the backup");
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(zip), downloaded));

        // a restore never writes into a folder that holds anything, such as the running source's data directory
        Command refused = restore(zip, sourceDir);
        assertEquals(1, refused.exitCode, refused.output);
        assertTrue(refused.output.contains("is not empty"), refused.output);
        Command restored = restore(zip, restoredDir);
        assertEquals(0, restored.exitCode, restored.output);
        assertFalse(Files.exists(restoredDir.resolve("index")), "indexes are not in a backup");

        // a different first-admin password on the restored start is ignored: the accounts come from the backup
        MarginProcess copy = start(restoredDir, Map.of("MARGIN_ADMIN_PASSWORD", "not-the-admin-password"));
        Client adminOfCopy = new Client(copy.base(), "admin", ADMIN_PASSWORD);

        compare(admin, adminOfCopy, writers, askedAt, answeredAt, fixture);
    }

    private void compare(Client source, Client copy, List<Writer> writers, long askedAt, long answeredAt,
            Fixture fixture) throws Exception {
        assertEquals(source.get("/api/v1/users"), copy.get("/api/v1/users"), "accounts");
        JsonNode projects = source.get("/api/v1/projects");
        assertEquals(projects, copy.get("/api/v1/projects"), "projects");
        assertTrue(projects.size() >= 3, "the demo project and the two made here: " + projects);
        Set<Long> missingCodings = new HashSet<>();
        Set<Long> missingMemos = new HashSet<>();
        for (JsonNode project : projects) {
            long pid = project.get("id").asLong();
            String p = "/api/v1/projects/" + pid;
            String what = "project " + pid + " ";
            assertEquals(source.get(p + "/members"), copy.get(p + "/members"), what + "members");
            JsonNode documents = source.get(p + "/documents");
            assertEquals(documents, copy.get(p + "/documents"), what + "documents");
            for (JsonNode d : documents) {
                String dp = p + "/documents/" + d.get("id").asLong();
                assertEquals(source.get(dp), copy.get(dp), what + "document text and units");
            }
            assertEquals(source.get(p + "/cases"), copy.get(p + "/cases"), what + "cases and attributes");

            Map<Long, JsonNode> codings = byId(source.get(p + "/codings"));
            Map<Long, JsonNode> copiedCodings = byId(copy.get(p + "/codings"));
            Map<Long, JsonNode> memos = byId(source.get(p + "/memos"));
            Map<Long, JsonNode> copiedMemos = byId(copy.get(p + "/memos"));
            for (Map.Entry<Long, JsonNode> c : copiedCodings.entrySet()) {
                assertEquals(codings.get(c.getKey()), c.getValue(), what + "coding " + c.getKey());
            }
            for (Map.Entry<Long, JsonNode> m : copiedMemos.entrySet()) {
                assertEquals(memos.get(m.getKey()), m.getValue(), what + "memo " + m.getKey());
            }
            Set<Long> codingsAfter = new HashSet<>(codings.keySet());
            codingsAfter.removeAll(copiedCodings.keySet());
            Set<Long> memosAfter = new HashSet<>(memos.keySet());
            memosAfter.removeAll(copiedMemos.keySet());
            if (pid != fixture.projectUnderLoad) {
                assertEquals(Set.of(), codingsAfter, what + "codings missing from the restored copy");
                assertEquals(Set.of(), memosAfter, what + "memos missing from the restored copy");
            }
            missingCodings.addAll(codingsAfter);
            missingMemos.addAll(memosAfter);

            JsonNode codes = source.get(p + "/codes");
            JsonNode copiedCodes = copy.get(p + "/codes");
            if (pid == fixture.projectUnderLoad) {
                // the per-code count of codings differs by the writes after the backup point: compared through codings
                codes.forEach(c -> ((ObjectNode) c).remove("codings"));
                copiedCodes.forEach(c -> ((ObjectNode) c).remove("codings"));
            }
            assertEquals(codes, copiedCodes, what + "codebook");

            compareAudit(source, copy, p, what, codingsAfter.size() + memosAfter.size());
            compareQdpx(source.bytes(p + "/export/qdpx"), copy.bytes(p + "/export/qdpx"), what,
                    codingsAfter.size(), memosAfter.size());

            String word = fixture.searchWord(pid);
            assertEquals(source.get(p + "/search?q=" + word).get("total"), copy.get(p + "/search?q=" + word)
                    .get("total"), what + "search (the index rebuilt from the restored database)");
        }

        // what is missing is exactly what the coders wrote after the backup point, in the order they wrote it
        for (Writer w : writers) {
            boolean cut = false;
            for (Op op : w.ops) {
                boolean missing = op.memo ? missingMemos.remove(op.id) : missingCodings.remove(op.id);
                if (op.answeredAt < askedAt) {
                    assertFalse(missing, op + " was answered before the backup was asked for, but is not in it");
                }
                if (op.sentAt > answeredAt) {
                    assertTrue(missing, op + " was sent after the backup was answered, but is in it");
                }
                assertFalse(cut && !missing, op + " is in the backup although an earlier write of its coder is not");
                cut |= missing;
            }
        }
        assertEquals(Set.of(), missingCodings, "codings missing that no coder wrote during the load");
        assertEquals(Set.of(), missingMemos, "memos missing that no coder wrote during the load");
    }

    /** The copy's chain is the source's up to the backup point (same events, same hashes), and both verify. */
    private static void compareAudit(Client source, Client copy, String p, String what, int writesAfter) {
        List<JsonNode> events = audit(source, p);
        List<JsonNode> copied = audit(copy, p);
        assertEquals(events.size() - writesAfter, copied.size(), what + "audit events after the backup point");
        assertEquals(events.subList(0, copied.size()), copied, what + "audit chain up to the backup point");
        for (Client c : List.of(source, copy)) {
            JsonNode verified = c.get(p + "/audit/verify");
            assertTrue(verified.get("valid").asBoolean(), what + "audit chain verifies: " + verified);
        }
    }

    private static List<JsonNode> audit(Client c, String p) {
        List<JsonNode> all = new ArrayList<>();
        while (true) {
            long after = all.isEmpty() ? 0 : all.getLast().get("seq").asLong();
            JsonNode page = c.get(p + "/audit?limit=1000&after=" + after);
            page.forEach(all::add);
            if (page.size() < 1000) {
                return all;
            }
        }
    }

    /**
     * Same entries with the same bytes, and the same project.qde but for the export time and, in the project under
     * load, the selections and notes written after the backup point (which must be exactly as many as are missing).
     */
    private static void compareQdpx(byte[] source, byte[] copy, String what, int codingsAfter, int memosAfter)
            throws Exception {
        Map<String, byte[]> a = unzip(source);
        Map<String, byte[]> b = unzip(copy);
        assertEquals(a.keySet(), b.keySet(), what + "qdpx entries");
        for (String name : a.keySet()) {
            if (!name.equals("project.qde")) {
                assertTrue(java.util.Arrays.equals(a.get(name), b.get(name)), what + "qdpx " + name);
            }
        }
        Document sourceQde = parse(a.get("project.qde"));
        Document copyQde = parse(b.get("project.qde"));
        Set<String> guids = new HashSet<>();
        collectGuids(copyQde.getDocumentElement(), guids);
        Map<String, Integer> removed = new HashMap<>();
        removeAbsent(sourceQde.getDocumentElement(), guids, removed);
        assertEquals(codingsAfter, removed.getOrDefault("PlainTextSelection", 0), what + "qdpx selections after");
        assertEquals(memosAfter, removed.getOrDefault("Note", 0), what + "qdpx notes after");
        sourceQde.getDocumentElement().removeAttribute("modifiedDateTime");
        copyQde.getDocumentElement().removeAttribute("modifiedDateTime");
        assertEquals(xml(sourceQde), xml(copyQde), what + "qdpx project.qde");
    }

    private static void collectGuids(Element e, Set<String> guids) {
        if (e.hasAttribute("guid")) {
            guids.add(e.getAttribute("guid"));
        }
        for (Element child : children(e)) {
            collectGuids(child, guids);
        }
    }

    private static void removeAbsent(Element e, Set<String> guids, Map<String, Integer> removed) {
        for (Element child : children(e)) {
            String name = child.getLocalName();
            boolean absent = switch (name) {
                case "PlainTextSelection", "Note" -> !guids.contains(child.getAttribute("guid"));
                case "NoteRef" -> !guids.contains(child.getAttribute("targetGUID"));
                default -> false;
            };
            if (absent) {
                removed.merge(name, 1, Integer::sum);
                e.removeChild(child);
            } else {
                removeAbsent(child, guids, removed);
            }
        }
    }

    private static List<Element> children(Element e) {
        List<Element> list = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                list.add((Element) nodes.item(i));
            }
        }
        return list;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String xml(Document d) throws Exception {
        d.normalizeDocument();
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter out = new StringWriter();
        t.transform(new DOMSource(d), new StreamResult(out));
        return out.toString();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static Map<Long, JsonNode> byId(JsonNode list) {
        Map<Long, JsonNode> map = new LinkedHashMap<>();
        list.forEach(n -> map.put(n.get("id").asLong(), n));
        return map;
    }

    private static void awaitWrites(List<Writer> writers, int total) throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_LIMIT.toNanos();
        while (writers.stream().mapToInt(w -> w.ops.size()).sum() < total) {
            for (Writer w : writers) {
                if (w.failure != null) {
                    throw new AssertionError("A coder's write failed", w.failure);
                }
            }
            if (System.nanoTime() > deadline) {
                fail("The coders did not make " + total + " writes within " + LOAD_LIMIT);
            }
            Thread.sleep(20);
        }
    }

    // ---- the data ----------------------------------------------------------------------------------------------

    /** Two projects with documents (Hangul and characters outside the BMP), codes, cases, codings, memos, members. */
    private record Fixture(String coder1, String coder2, long projectUnderLoad, long documentUnderLoad,
            long codeUnderLoad, int lengthUnderLoad, Map<Long, String> words) {

        String searchWord(long pid) {
            return words.getOrDefault(pid, "broker");
        }

        static Fixture build(Client admin, String base) {
            String suffix = Long.toString(System.nanoTime() % 100_000);
            String supervisor = "sup-" + suffix;
            String coder1 = "coder1-" + suffix;
            String coder2 = "coder2-" + suffix;
            String viewer = "viewer-" + suffix;
            for (String u : List.of(supervisor, coder1, coder2, viewer)) {
                admin.post("/api/v1/users", Map.of("username", u, "password", PASSWORD), 201);
            }
            Client sup = new Client(base, supervisor, PASSWORD);
            Client c1 = new Client(base, coder1, PASSWORD);
            Client c2 = new Client(base, coder2, PASSWORD);

            long a = admin.post("/api/v1/projects", Map.of("name", "Backup A", "description", "under load"), 201)
                    .get("id").asLong();
            long b = admin.post("/api/v1/projects", Map.of("name", "Backup B 백업", "description", "quiet"), 201)
                    .get("id").asLong();
            for (var m : List.of(List.of(a, supervisor, "SUPERVISOR"), List.of(a, coder1, "CODER"),
                    List.of(a, coder2, "CODER"), List.of(a, viewer, "VIEWER"), List.of(b, coder2, "CODER"),
                    List.of(b, supervisor, "SUPERVISOR"))) {
                admin.post("/api/v1/projects/" + m.get(0) + "/members", Map.of("username", m.get(1), "role",
                        m.get(2)), 201);
            }
            admin.put("/api/v1/projects/" + b + "/members/" + supervisor, Map.of("role", "VIEWER"));

            String transcript = transcript(400);
            long a1 = admin.importText(a, "P01.txt", transcript, "P01");
            long a2 = admin.importText(a, "P02.txt", "Interviewer: 어디서 오셨어요?\nP02: 청진에서 왔어요. 브로커에게 돈을 "
                    + "냈어요. 𝄞 music helped 😀.\nInterviewer: And then?\nP02: Then London, the broker again.\n", "P02");
            long b1 = admin.importText(b, "fieldnote.md", "# Field note\n\nThe community centre was full. 교회 "
                    + "after the class, and a broker 🙂 came by.\n\nSecond paragraph about the church.\n", null);
            admin.put("/api/v1/projects/" + a + "/attributes", Map.of("cases", List.of(
                    Map.of("case", "P01", "attributes", Map.of("gender", "female", "arrival_year", "2010")),
                    Map.of("case", "P02", "attributes", Map.of("gender", "male", "arrival_year", "2012")))));

            long journey = sup.post("/api/v1/projects/" + a + "/codes", Map.of("name", "The journey",
                    "definition", "Moving on", "color", "#336699"), 201).get("id").asLong();
            long cost = sup.post("/api/v1/projects/" + a + "/codes", Map.of("name", "Cost and debt",
                    "parentId", journey), 201).get("id").asLong();
            long faith = sup.post("/api/v1/projects/" + a + "/codes", Map.of("name", "Faith 신앙"), 201).get("id")
                    .asLong();
            long place = admin.post("/api/v1/projects/" + b + "/codes", Map.of("name", "Place"), 201).get("id")
                    .asLong();

            long k1 = c1.code(a, a1, cost, 10, 60);
            c1.code(a, a2, faith, 5, 30);
            long k2 = c2.code(a, a1, cost, 12, 58);
            c2.code(a, a2, journey, 0, 20);
            long k3 = sup.code(a, a1, journey, 100, 180);
            JsonNode changed = c1.get("/api/v1/projects/" + a + "/codings/" + k1);
            c1.put("/api/v1/projects/" + a + "/codings/" + k1, Map.of("start", 11, "end", 61, "version",
                    changed.get("version").asLong()));
            c2.delete("/api/v1/projects/" + a + "/codings/" + k2);
            c1.post("/api/v1/projects/" + a + "/memos", Map.of("targetType", "CODING", "targetId", k1, "title", "Why",
                    "body", "Debt to the broker 브로커"), 201);
            sup.post("/api/v1/projects/" + a + "/memos", Map.of("targetType", "DOCUMENT", "targetId", a2,
                    "body", "Noisy recording"), 201);
            admin.post("/api/v1/projects/" + a + "/memos", Map.of("targetType", "PROJECT", "body",
                    "Research questions"), 201);
            sup.post("/api/v1/projects/" + a + "/memos", Map.of("targetType", "CODE", "targetId", cost,
                    "body", "Includes loans from family"), 201);
            sup.post("/api/v1/projects/" + a + "/memos", Map.of("targetType", "CODING", "targetId", k3,
                    "body", "Supervisor's reading"), 201);

            c2.code(b, b1, place, 0, 12);
            admin.code(b, b1, place, 20, 40);
            c2.post("/api/v1/projects/" + b + "/memos", Map.of("targetType", "DOCUMENT", "targetId", b1,
                    "body", "Centre visit"), 201);
            return new Fixture(coder1, coder2, a, a1, cost, transcript.length(), Map.of(a, "broker", b, "church"));
        }

        private static String transcript(int turns) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < turns; i++) {
                text.append(i % 2 == 0 ? "Interviewer: " : "P01: ")
                        .append(i % 2 == 0 ? "What happened next, turn " + i + "?" : "We paid the broker, then "
                                + "moved again; 돈을 빌렸어요 " + i + ".").append('\n');
            }
            return text.toString();
        }
    }

    /** One write a coder made: a coding or a memo on it, with when it was sent and when it was answered. */
    private record Op(boolean memo, long id, long sentAt, long answeredAt) {
    }

    /** A coder who codes the project under load as fast as Margin answers, a memo on every fifth coding. */
    private static final class Writer {
        final Client client;
        final Fixture fixture;
        final int offset;
        final List<Op> ops = new CopyOnWriteArrayList<>();
        volatile Throwable failure;

        Writer(Client client, Fixture fixture, int offset) {
            this.client = client;
            this.fixture = fixture;
            this.offset = offset;
        }

        void run(AtomicBoolean stop) {
            long deadline = System.nanoTime() + LOAD_LIMIT.toNanos();
            try {
                for (int i = 0; i < MAX_WRITES && !stop.get() && System.nanoTime() < deadline; i++) {
                    int start = (i * 37 + offset * 11) % (fixture.lengthUnderLoad - 40);
                    long sent = System.nanoTime();
                    long id = client.code(fixture.projectUnderLoad, fixture.documentUnderLoad, fixture.codeUnderLoad,
                            start, start + 20 + i % 17);
                    ops.add(new Op(false, id, sent, System.nanoTime()));
                    if (i % 5 == 4) {
                        sent = System.nanoTime();
                        long memo = client.post("/api/v1/projects/" + fixture.projectUnderLoad + "/memos",
                                Map.of("targetType", "CODING", "targetId", id, "body", "note " + i), 201).get("id")
                                .asLong();
                        ops.add(new Op(true, memo, sent, System.nanoTime()));
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    /** One signed-in user of one Margin. */
    private record Client(String base, String username, String password) {
        RequestSpecification request() {
            return given().baseUri(base).auth().preemptive().basic(username, password);
        }

        JsonNode get(String path) {
            return json(request().get(path), 200);
        }

        byte[] bytes(String path) {
            Response r = request().get(path);
            assertEquals(200, r.statusCode(), path + ": " + r.asString());
            return r.asByteArray();
        }

        JsonNode post(String path, Object body, int status) {
            RequestSpecification r = request().contentType(ContentType.JSON);
            return json(body == null ? r.post(path) : r.body(body).post(path), status);
        }

        JsonNode put(String path, Object body) {
            return json(request().contentType(ContentType.JSON).body(body).put(path), 200);
        }

        void delete(String path) {
            Response r = request().delete(path);
            assertEquals(204, r.statusCode(), path + ": " + r.asString());
        }

        long code(long pid, long did, long codeId, int start, int end) {
            return post("/api/v1/projects/" + pid + "/codings", Map.of("documentId", did, "codeId", codeId, "start",
                    start, "end", end), 201).get("id").asLong();
        }

        long importText(long pid, String file, String text, String caseName) {
            RequestSpecification r = request().multiPart("file", file, text.getBytes(StandardCharsets.UTF_8),
                    "text/plain");
            if (caseName != null) {
                r = r.multiPart("case", caseName);
            }
            return json(r.post("/api/v1/projects/" + pid + "/documents"), 201).get("imported").get(0).get("id")
                    .asLong();
        }

        private static JsonNode json(Response r, int status) {
            assertEquals(status, r.statusCode(), r.asString());
            try {
                String body = r.asString();
                return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + r.asString(), e);
            }
        }
    }

    // ---- processes ---------------------------------------------------------------------------------------------

    private MarginProcess start(Path dataDir, Map<String, String> env) throws Exception {
        MarginProcess p = MarginProcess.start(dataDir, freePort(), env);
        started.add(p);
        return p;
    }

    private static Command restore(Path zip, Path into) throws Exception {
        Process p = new ProcessBuilder(javaCommand(), "-jar", JAR.toString(), "restore", zip.toString(),
                into.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("restore did not finish: " + output);
        }
        return new Command(p.exitValue(), output);
    }

    private record Command(int exitCode, String output) {
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** A free port from 18510 on (override with -Dbackup.it.port=…), so parallel builds do not collide. */
    private static int freePort() throws IOException {
        int from = Integer.getInteger("backup.it.port", 18510);
        for (int port = from; port < from + 80; port++) {
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try the next
            }
        }
        throw new IOException("No free port from " + from);
    }

    private static Path fresh(Path dir) throws IOException {
        Folders.delete(dir);
        return Files.createDirectories(dir);
    }


    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * The packaged Margin on a data directory and port, until stopped. A stand-in for the shared process harness
     * (app.margin.support.MarginProcess, being written elsewhere): swap it in when it lands.
     */
    private record MarginProcess(Process process, String base, Path log) {
        static MarginProcess start(Path dataDir, int port, Map<String, String> env) throws Exception {
            Path log = dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".log");
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx1g", "-jar", JAR.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("MARGIN_DATA_DIR", dataDir.toAbsolutePath().toString());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            // every request checks a bcrypt hash: a low cost lets the coders write fast enough to overlap the backup
            builder.environment().put("MARGIN_BCRYPT_COST", "4");
            MarginProcess margin = new MarginProcess(builder.start(), "http://127.0.0.1:" + port, log);
            margin.awaitReady();
            return margin;
        }

        void awaitReady() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("Margin stopped while starting (exit " + process.exitValue() + "): " + tail());
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            fail("Margin was not ready within 180 s: " + tail());
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String tail() throws IOException {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }
}
