package app.margin.reliability;

import app.margin.reliability.Ledger.AckCoding;
import app.margin.reliability.Ledger.AckDocument;
import app.margin.reliability.Ledger.AckMemo;
import app.margin.reliability.Ledger.CodeState;
import app.margin.reliability.Ledger.CodingKey;
import app.margin.reliability.Ledger.MemoKey;
import app.margin.reliability.Ledger.SentFile;
import app.margin.support.MarginClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * After the restart, compares what Margin holds (read through its public API) with the {@link Ledger}: every
 * acknowledged item is there exactly once and as acknowledged; an unknown item is there whole or not at all; nothing
 * else is there; every change has its audit event and every audit event its change; the audit chain verifies; and
 * the search index agrees with the database.
 */
final class RecoveryCheck {
    /** What the check found, by kind; {@link #problems} says which items. */
    static final class Findings {
        int lost;
        int duplicated;
        int halfThere;
        int unexpected;
        int searchMismatches;
        int unknownPresent;
        boolean auditValid;
        long auditEvents;
        final List<String> problems = new ArrayList<>();

        int total() {
            return lost + duplicated + halfThere + unexpected + searchMismatches + (auditValid ? 0 : 1);
        }

        private void problem(String message) {
            if (problems.size() < 40) {
                problems.add(message);
            }
        }
    }

    private final MarginClient owner;
    private final long projectId;
    private final Ledger ledger;
    private final Findings findings = new Findings();

    RecoveryCheck(MarginClient owner, long projectId, Ledger ledger) {
        this.owner = owner;
        this.projectId = projectId;
        this.ledger = ledger;
    }

    Findings run() throws IOException {
        Map<String, List<Long>> auditTargets = auditTargets();
        Map<Long, SentFile> documents = checkDocuments(auditTargets);
        Map<Long, Long> codingsPerCode = checkCodings(documents.keySet(), auditTargets);
        checkMemos(documents.keySet(), auditTargets);
        checkCodes(codingsPerCode, auditTargets);
        checkSearch(documents, codingsPerCode);
        JsonNode verify = get("/audit/verify");
        findings.auditValid = verify.get("valid").asBoolean();
        findings.auditEvents = verify.get("events").asLong();
        if (!findings.auditValid) {
            findings.problem("audit/verify: the chain breaks at event " + verify.get("firstBrokenSeq"));
        }
        return findings;
    }

    /** Documents: acknowledged ones present with the text sent; an unknown batch all or nothing; nothing else. */
    private Map<Long, SentFile> checkDocuments(Map<String, List<Long>> audit) throws IOException {
        Map<String, SentFile> sentByTitle = new HashMap<>();
        ledger.allSentFiles().forEach(f -> sentByTitle.put(f.title(), f));
        Map<String, List<Long>> presentByTitle = new HashMap<>();
        for (JsonNode doc : get("/documents")) {
            presentByTitle.computeIfAbsent(doc.get("title").asText(), t -> new ArrayList<>()).add(doc.get("id").asLong());
        }
        Map<Long, SentFile> present = new HashMap<>();
        presentByTitle.forEach((title, ids) -> {
            SentFile file = sentByTitle.get(title);
            if (file == null) {
                findings.unexpected++;
                findings.problem("document(s) " + ids + " titled '" + title + "' were never sent");
                return;
            }
            if (ids.size() > 1) {
                findings.duplicated += ids.size() - 1;
                findings.problem("file " + file.name() + " is there " + ids.size() + " times: documents " + ids);
            }
            ids.forEach(id -> present.put(id, file));
        });

        Set<String> acknowledgedTitles = new HashSet<>();
        for (AckDocument ack : ledger.documents) {
            acknowledgedTitles.add(ack.file().title());
            if (!ack.file().equals(present.get(ack.id()))) {
                findings.lost++;
                findings.problem("document " + ack.id() + " (" + ack.file().name() + ") was acknowledged but is missing");
            }
        }
        Set<String> unknownTitles = new HashSet<>();
        // Each file of an import is its own transaction, saved in the order sent: an import in flight at the kill
        // may be there in part, but only as its first files, each of them whole (checked below).
        for (List<SentFile> batch : ledger.unknownBatches) {
            batch.forEach(f -> unknownTitles.add(f.title()));
            int prefix = 0;
            while (prefix < batch.size() && presentByTitle.containsKey(batch.get(prefix).title())) {
                prefix++;
            }
            long there = batch.stream().filter(f -> presentByTitle.containsKey(f.title())).count();
            findings.unknownPresent += (int) there;
            if (there != prefix) {
                findings.halfThere++;
                findings.problem("an import of " + batch.size() + " files in flight at the kill kept " + there
                        + " files, not its first " + there + ": a file was saved while one sent before it was not");
            }
        }
        presentByTitle.forEach((title, ids) -> {
            if (sentByTitle.containsKey(title) && !acknowledgedTitles.contains(title) && !unknownTitles.contains(title)) {
                findings.unexpected++;
                findings.problem("document(s) " + ids + " (" + title + ") come from an import Margin refused");
            }
        });

        Map<Long, AckDocument> acknowledged = new HashMap<>();
        ledger.documents.forEach(d -> acknowledged.put(d.id(), d));
        Set<Long> imported = new HashSet<>(audit.getOrDefault("document.imported", List.of()));
        for (Map.Entry<Long, SentFile> entry : present.entrySet()) {
            long id = entry.getKey();
            SentFile file = entry.getValue();
            JsonNode doc = get("/documents/" + id);
            AckDocument ack = acknowledged.get(id);
            int units = doc.get("units").size();
            boolean whole = doc.get("text").asText().equals(file.text())
                    && doc.get("sourceSha256").asText().equals(file.sha256())
                    && doc.get("length").asInt() == file.text().length()
                    && units > 0 && (ack == null || (ack.length() == doc.get("length").asInt() && ack.units() == units));
            if (!whole) {
                findings.halfThere++;
                findings.problem("document " + id + " (" + file.name() + ") differs from what was imported: length "
                        + doc.get("length").asInt() + " of " + file.text().length() + ", " + units + " units");
            }
            long events = audit.getOrDefault("document.imported", List.of()).stream().filter(t -> t == id).count();
            if (events != 1) {
                findings.halfThere++;
                findings.problem("document " + id + " has " + events + " 'document.imported' audit events");
            }
        }
        for (long id : imported) {
            if (!present.containsKey(id)) {
                findings.halfThere++;
                findings.problem("audit event 'document.imported' names document " + id + ", which is not there");
            }
        }
        return present;
    }

    /** Codings: acknowledged ones there once with their range; unknown ones whole or not at all. */
    private Map<Long, Long> checkCodings(Set<Long> documents, Map<String, List<Long>> audit) throws IOException {
        Set<Long> codes = new HashSet<>();
        get("/codes").forEach(c -> codes.add(c.get("id").asLong()));
        Map<Long, CodingKey> present = new HashMap<>();
        Map<CodingKey, Integer> perKey = new HashMap<>();
        Map<Long, Long> perCode = new HashMap<>();
        for (JsonNode c : get("/codings")) {
            long id = c.get("id").asLong();
            CodingKey key = new CodingKey(c.get("documentId").asLong(), c.get("codeId").asLong(),
                    c.get("coder").asText(), c.get("start").asInt(), c.get("end").asInt());
            if (present.put(id, key) != null) {
                findings.duplicated++;
                findings.problem("coding " + id + " is listed twice");
            }
            perKey.merge(key, 1, Integer::sum);
            perCode.merge(key.codeId(), 1L, Long::sum);
            if (!documents.contains(key.documentId()) || !codes.contains(key.codeId())) {
                findings.halfThere++;
                findings.problem("coding " + id + " refers to a document or code that is not there: " + key);
            }
        }
        perKey.forEach((key, n) -> {
            if (n > 1) {
                findings.duplicated += n - 1;
                findings.problem("the coding " + key + " is there " + n + " times");
            }
        });
        Set<Long> acknowledged = new HashSet<>();
        for (AckCoding ack : ledger.codings) {
            acknowledged.add(ack.id());
            if (!ack.key().equals(present.get(ack.id()))) {
                findings.lost++;
                findings.problem("coding " + ack.id() + " " + ack.key() + " was acknowledged but is "
                        + (present.containsKey(ack.id()) ? "different: " + present.get(ack.id()) : "missing"));
            }
        }
        Set<CodingKey> unknown = new HashSet<>(ledger.unknownCodings);
        present.forEach((id, key) -> {
            if (!acknowledged.contains(id)) {
                if (unknown.contains(key)) {
                    findings.unknownPresent++;
                } else {
                    findings.unexpected++;
                    findings.problem("coding " + id + " " + key + " was never acknowledged nor in flight");
                }
            }
        });
        matchAudit("coding.added", "coding", present.keySet(), audit);
        return perCode;
    }

    private void checkMemos(Set<Long> documents, Map<String, List<Long>> audit) throws IOException {
        Map<Long, MemoKey> present = new HashMap<>();
        Set<Long> codings = new HashSet<>();
        get("/codings").forEach(c -> codings.add(c.get("id").asLong()));
        for (JsonNode m : get("/memos")) {
            MemoKey key = new MemoKey(m.get("author").asText(), m.get("targetType").asText(), m.get("targetId").asLong(),
                    m.get("body").asText());
            present.put(m.get("id").asLong(), key);
            boolean targetThere = key.targetType().equals("CODING") ? codings.contains(key.targetId())
                    : documents.contains(key.targetId());
            if (!targetThere) {
                findings.halfThere++;
                findings.problem("memo " + m.get("id") + " is about a " + key.targetType() + " that is not there");
            }
        }
        Set<Long> acknowledged = new HashSet<>();
        for (AckMemo ack : ledger.memos) {
            acknowledged.add(ack.id());
            if (!ack.key().equals(present.get(ack.id()))) {
                findings.lost++;
                findings.problem("memo " + ack.id() + " was acknowledged but is "
                        + (present.containsKey(ack.id()) ? "different" : "missing"));
            }
        }
        Set<MemoKey> unknown = new HashSet<>(ledger.unknownMemos);
        Map<MemoKey, Integer> perKey = new HashMap<>();
        present.forEach((id, key) -> {
            perKey.merge(key, 1, Integer::sum);
            if (!acknowledged.contains(id)) {
                if (unknown.contains(key)) {
                    findings.unknownPresent++;
                } else {
                    findings.unexpected++;
                    findings.problem("memo " + id + " was never acknowledged nor in flight");
                }
            }
        });
        perKey.forEach((key, n) -> {
            if (n > 1) {
                findings.duplicated += n - 1;
                findings.problem("a memo is there " + n + " times");
            }
        });
        matchAudit("memo.added", "memo", present.keySet(), audit);
    }

    /** Each code as last acknowledged (or as the edit in flight made it), with one audit event per edit. */
    private void checkCodes(Map<Long, Long> codingsPerCode, Map<String, List<Long>> audit) throws IOException {
        Map<Long, JsonNode> present = new HashMap<>();
        get("/codes").forEach(c -> present.put(c.get("id").asLong(), c));
        for (CodeState expected : ledger.codes.values()) {
            JsonNode code = present.get(expected.codeId());
            if (code == null) {
                findings.lost++;
                findings.problem("code " + expected.codeId() + " is missing");
                continue;
            }
            CodeState actual = new CodeState(expected.codeId(), code.get("name").asText(),
                    code.get("definition").asText(), code.get("version").asLong());
            if (actual.equals(ledger.unknownCodeEdits.get(expected.codeId()))) {
                findings.unknownPresent++;
            } else if (!actual.equals(expected)) {
                findings.lost++;
                findings.problem("code " + expected.codeId() + " should be " + expected + " but is " + actual);
            }
            long edits = audit.getOrDefault("code.updated", List.of()).stream().filter(t -> t == expected.codeId()).count();
            if (edits != actual.version()) {
                findings.halfThere++;
                findings.problem("code " + expected.codeId() + " is at version " + actual.version() + " but has "
                        + edits + " 'code.updated' audit events");
            }
            long counted = code.get("codings").asLong();
            if (counted != codingsPerCode.getOrDefault(expected.codeId(), 0L)) {
                findings.halfThere++;
                findings.problem("code " + expected.codeId() + " counts " + counted + " codings, the list has "
                        + codingsPerCode.getOrDefault(expected.codeId(), 0L));
            }
        }
    }

    /**
     * The index agrees with the database: each file's token finds exactly its document when it is there and nothing
     * when it is not, and {@code code:"name"} finds as many segments as the code has codings.
     */
    private void checkSearch(Map<Long, SentFile> documents, Map<Long, Long> codingsPerCode) throws IOException {
        Map<String, Long> idByToken = new HashMap<>();
        documents.forEach((id, file) -> idByToken.put(file.token(), id));
        for (SentFile file : ledger.allSentFiles()) {
            JsonNode result = get("/search?pageSize=1&q=" + MarginClient.encode("\"" + file.token() + "\""));
            Set<Long> found = new TreeSet<>();
            result.get("documents").forEach(d -> found.add(d.get("documentId").asLong()));
            Long id = idByToken.get(file.token());
            Set<Long> expected = id == null ? Set.of() : Set.of(id);
            if (!found.equals(expected)) {
                findings.searchMismatches++;
                findings.problem("search for the token of " + file.name() + " finds documents " + found + ", expected "
                        + expected);
            }
        }
        for (JsonNode code : get("/codes")) {
            long id = code.get("id").asLong();
            String q = "code:\"" + code.get("name").asText() + "\"";
            long total = get("/search?pageSize=1&scope=coded&q=" + MarginClient.encode(q)).get("total").asLong();
            if (total != codingsPerCode.getOrDefault(id, 0L)) {
                findings.searchMismatches++;
                findings.problem("search " + q + " finds " + total + " segments; the code has "
                        + codingsPerCode.getOrDefault(id, 0L) + " codings");
            }
        }
    }

    /** Each item has exactly one creation event, and each creation event its item. */
    private void matchAudit(String action, String kind, Set<Long> present, Map<String, List<Long>> audit) {
        Map<Long, Integer> events = new HashMap<>();
        audit.getOrDefault(action, List.of()).forEach(t -> events.merge(t, 1, Integer::sum));
        for (long id : present) {
            int n = events.getOrDefault(id, 0);
            if (n != 1) {
                findings.halfThere++;
                findings.problem(kind + " " + id + " has " + n + " '" + action + "' audit events");
            }
        }
        events.keySet().stream().filter(id -> !present.contains(id)).forEach(id -> {
            findings.halfThere++;
            findings.problem("audit event '" + action + "' names " + kind + " " + id + ", which is not there");
        });
    }

    /** Every audit event's target id, by action, read page by page. */
    private Map<String, List<Long>> auditTargets() throws IOException {
        Map<String, List<Long>> targets = new HashMap<>();
        long after = 0;
        while (true) {
            JsonNode page = get("/audit?limit=1000&after=" + after);
            if (page.isEmpty()) {
                return targets;
            }
            for (JsonNode event : page) {
                after = event.get("seq").asLong();
                if (event.hasNonNull("targetId")) {
                    targets.computeIfAbsent(event.get("action").asText(), a -> new ArrayList<>())
                            .add(event.get("targetId").asLong());
                }
            }
        }
    }

    private JsonNode get(String path) throws IOException {
        return owner.get("/api/v1/projects/" + projectId + path).expect(200).json();
    }
}
