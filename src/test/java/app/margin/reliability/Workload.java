package app.margin.reliability;

import app.margin.reliability.Ledger.AckCoding;
import app.margin.reliability.Ledger.AckDocument;
import app.margin.reliability.Ledger.AckMemo;
import app.margin.reliability.Ledger.CodeState;
import app.margin.reliability.Ledger.CodingKey;
import app.margin.reliability.Ledger.MemoKey;
import app.margin.reliability.Ledger.SentFile;
import app.margin.support.MarginClient;
import app.margin.support.MarginClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The burst a crash interrupts: batch imports, and several coders adding codings and memos while the owner edits
 * codes, each thread recording in the {@link Ledger} what was acknowledged. A thread runs until a request gets no
 * answer (Margin was killed): that request is recorded as unknown and the thread ends.
 */
final class Workload {
    private static final String[] WORDS = ("market journey border family school work river city winter letter phone "
            + "bus paper office friend money house road night morning language help wait walk remember carry arrive "
            + "leave small long cold quiet mother brother teacher window station camp card doctor rain field").split(" ");
    private static final AtomicInteger TOKENS = new AtomicInteger();

    /** The project the burst works in, set up before it. */
    record Project(long id, MarginClient owner, String ownerName, Map<String, MarginClient> coders, List<Long> codeIds) {
        String path(String rest) {
            return "/api/v1/projects/" + id + rest;
        }
    }

    private final Project project;
    private final Ledger ledger;
    private final long seed;
    private final String runTag;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    Workload(Project project, Ledger ledger, long seed, String runTag) {
        this.project = project;
        this.ledger = ledger;
        this.seed = seed;
        this.runTag = runTag;
    }

    /** Imports documents before the burst, so coders have something to code from the first moment. */
    static void seed(Project project, Ledger ledger, Random random, String runTag, int files) throws IOException {
        List<SentFile> batch = batch(random, runTag, files);
        ledger.sentBatches.add(batch);
        acknowledge(ledger, batch, project.owner().upload(project.path("/documents"), contents(batch), Map.of())
                .expect(201).json());
    }

    /** Starts the threads: {@code importers} importing batches, every coder coding, the owner editing codes. */
    void start(int importers) {
        for (int i = 0; i < importers; i++) {
            Random random = new Random(seed * 31 + i);
            threads.add(Thread.ofPlatform().name("crash-import-" + i).start(() -> importer(random)));
        }
        int n = 0;
        for (Map.Entry<String, MarginClient> coder : project.coders().entrySet()) {
            Random random = new Random(seed * 17 + n++);
            threads.add(Thread.ofPlatform().name("crash-" + coder.getKey())
                    .start(() -> coder(coder.getKey(), coder.getValue(), random)));
        }
        Random random = new Random(seed * 13);
        threads.add(Thread.ofPlatform().name("crash-codebook").start(() -> codeEditor(random)));
    }

    /** Waits for every thread to notice the crash; stops them if they have not after the timeout. */
    void awaitEnd(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    /** Ends the threads without a crash (a failing test must not leave them running). */
    void stop() {
        running = false;
    }

    private void importer(Random random) {
        while (running) {
            List<SentFile> batch = batch(random, runTag, 10 + random.nextInt(21));
            ledger.sentBatches.add(batch);
            Answer answer;
            try {
                answer = project.owner().upload(project.path("/documents"), contents(batch), Map.of());
            } catch (IOException noAnswer) {
                ledger.unknownBatches.add(batch);
                return;
            }
            if (answer.status() == 201) {
                acknowledge(ledger, batch, answer.json());
            } else {
                ledger.refused("POST documents", answer.status());
            }
            // A pause, as between a researcher's uploads: a batch holds the project's audit chain until it commits,
            // and back-to-back batches would leave the coders waiting most of the burst.
            pause(300 + random.nextInt(1200));
        }
    }

    private void coder(String name, MarginClient client, Random random) {
        int memo = 0;
        while (running) {
            List<AckDocument> documents = ledger.documents;
            AckDocument doc = documents.get(random.nextInt(documents.size()));
            long codeId = project.codeIds().get(random.nextInt(project.codeIds().size()));
            int start = random.nextInt(doc.length() - 1);
            int end = Math.min(doc.length(), start + 1 + random.nextInt(80));
            CodingKey key = new CodingKey(doc.id(), codeId, name, start, end);
            Answer answer;
            try {
                answer = client.post(project.path("/codings"),
                        Map.of("documentId", doc.id(), "codeId", codeId, "start", start, "end", end));
            } catch (IOException noAnswer) {
                ledger.unknownCodings.add(key);
                return;
            }
            if (answer.status() != 201) {
                ledger.refused("POST codings", answer.status());
                continue;
            }
            long codingId = answer.json().get("id").asLong();
            ledger.codings.add(new AckCoding(codingId, key));
            double draw = random.nextDouble();
            if (draw < 0.5) {
                boolean onCoding = draw < 0.35;
                MemoKey memoKey = new MemoKey(name, onCoding ? "CODING" : "DOCUMENT", onCoding ? codingId : doc.id(),
                        "Memo " + runTag + " " + name + " " + ++memo + ": " + words(random, 12));
                try {
                    answer = client.post(project.path("/memos"), Map.of("targetType", memoKey.targetType(),
                            "targetId", memoKey.targetId(), "body", memoKey.body()));
                } catch (IOException noAnswer) {
                    ledger.unknownMemos.add(memoKey);
                    return;
                }
                if (answer.status() == 201) {
                    ledger.memos.add(new AckMemo(answer.json().get("id").asLong(), memoKey));
                } else {
                    ledger.refused("POST memos", answer.status());
                }
            }
        }
    }

    private void codeEditor(Random random) {
        int revision = 0;
        while (running) {
            long codeId = project.codeIds().get(random.nextInt(project.codeIds().size()));
            CodeState current = ledger.codes.get(codeId);
            revision++;
            String base = current.name().replaceAll(" r\\d+$", "");
            String name = revision % 3 == 0 ? base + " r" + revision : current.name();
            String definition = "Definition revision " + revision + ": " + words(random, 10);
            CodeState edited = new CodeState(codeId, name, definition, current.version() + 1);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("definition", definition);
            body.put("version", current.version());
            Answer answer;
            try {
                answer = project.owner().put(project.path("/codes/" + codeId), body);
            } catch (IOException noAnswer) {
                ledger.unknownCodeEdits.put(codeId, edited);
                return;
            }
            if (answer.status() != 200) {
                ledger.refused("PUT codes", answer.status());
                continue;
            }
            JsonNode code = answer.json();
            CodeState acknowledged = new CodeState(codeId, code.get("name").asText(), code.get("definition").asText(),
                    code.get("version").asLong());
            ledger.codes.put(codeId, acknowledged);
            ledger.codeEdits.add(acknowledged);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void acknowledge(Ledger ledger, List<SentFile> batch, JsonNode result) {
        Map<String, SentFile> byName = new LinkedHashMap<>();
        batch.forEach(f -> byName.put(f.name(), f));
        for (JsonNode imported : result.get("imported")) {
            SentFile file = byName.get(imported.get("file").asText());
            ledger.documents.add(new AckDocument(imported.get("id").asLong(), file, imported.get("length").asInt(),
                    imported.get("units").asInt()));
        }
        if (!result.get("failed").isEmpty()) {
            ledger.refused("POST documents (some files failed)", 201);
        }
    }

    private static Map<String, byte[]> contents(List<SentFile> batch) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        batch.forEach(f -> files.put(f.name(), f.text().getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    /** Small interview transcripts, each with a word (its token) that occurs in no other file. */
    private static List<SentFile> batch(Random random, String runTag, int files) {
        List<SentFile> batch = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            // Ends in a digit so no stemming changes it; letters first so it is one word to the tokenizer.
            String token = "qx" + runTag + "t" + TOKENS.incrementAndGet() + "9";
            StringBuilder text = new StringBuilder();
            int turns = 3 + random.nextInt(6);
            int tokenTurn = 1 + 2 * random.nextInt(turns / 2);
            for (int t = 0; t < turns; t++) {
                if (t > 0) {
                    text.append('\n');
                }
                text.append(t % 2 == 0 ? "Interviewer: " : "Participant: ").append(words(random, 8 + random.nextInt(30)));
                if (t == tokenTurn) {
                    text.append(' ').append(token).append(' ').append(words(random, 3));
                }
                text.append('.');
            }
            String content = text.toString();
            batch.add(new SentFile(token + ".txt", token, content, sha256(content.getBytes(StandardCharsets.UTF_8))));
        }
        return batch;
    }

    private static String words(Random random, int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            words.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return words.toString();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
