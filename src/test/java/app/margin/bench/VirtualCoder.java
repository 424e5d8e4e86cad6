package app.margin.bench;

import app.margin.bench.BrowserSession.Answer;
import app.margin.bench.CodingLedger.Content;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One signed-in coder in a closed loop: act, wait for the answer, pause (think), act again, until the deadline.
 * Actions: add a coding, move one of their own, remove one, search, re-apply an identical coding (Margin must
 * answer 409), and a double click (the same coding sent twice at once: one 201 and one 409). Every acknowledged
 * change goes into the coder's {@link CodingLedger}.
 */
final class VirtualCoder implements Runnable {
    /** The kinds of request, timed separately. */
    enum Kind {
        ADD("add coding", 201), MOVE("move coding", 200), REMOVE("remove coding", 204), SEARCH("search", 200),
        READD("re-add identical (409 intended)", 409), DOUBLE_ADD("double-click add (201 + 409 intended)", 201);

        final String label;
        final int expected;

        Kind(String label, int expected) {
            this.label = label;
            this.expected = expected;
        }

        boolean isCoding() {
            return this == ADD || this == MOVE || this == REMOVE;
        }
    }

    /** An answer that was not what the action intended: counted as an error and shown (no document text in it). */
    record Unexpected(Kind kind, int status, String detail) {
    }

    /** Shares of the actions, in percent of a coder's steps. */
    static final Map<Kind, Integer> MIX = new EnumMap<>(Map.of(Kind.ADD, 30, Kind.MOVE, 25, Kind.REMOVE, 15,
            Kind.SEARCH, 20, Kind.READD, 5, Kind.DOUBLE_ADD, 5));

    private final BrowserSession session;
    private final LoadProject project;
    private final Random random;
    private final int thinkMillis;
    private final long startNanos;
    private final long measureFromNanos;
    private final long deadlineNanos;
    private final Map<Kind, Latencies> latencies;
    private final Latencies[] codingWindows;
    private final ConcurrentLinkedQueue<Unexpected> unexpected;
    private final List<String> queries;
    final CodingLedger ledger = new CodingLedger();
    private final List<Long> own = new ArrayList<>();

    /**
     * @param latencies per kind, of requests started from {@code measureFromNanos} on (after the warm-up)
     * @param codingWindows coding requests of the whole run, per 10 s from {@code startNanos}
     */
    VirtualCoder(BrowserSession session, LoadProject project, long seed, int thinkMillis, long startNanos,
            long measureFromNanos, long deadlineNanos, Map<Kind, Latencies> latencies, Latencies[] codingWindows,
            ConcurrentLinkedQueue<Unexpected> unexpected) {
        this.session = session;
        this.project = project;
        this.random = new Random(seed);
        this.thinkMillis = thinkMillis;
        this.startNanos = startNanos;
        this.measureFromNanos = measureFromNanos;
        this.deadlineNanos = deadlineNanos;
        this.latencies = latencies;
        this.codingWindows = codingWindows;
        this.unexpected = unexpected;
        this.queries = queries(project, random);
    }

    @Override
    public void run() {
        try {
            Thread.sleep(random.nextInt(Math.max(1, thinkMillis))); // coders do not all start in the same millisecond
            while (System.nanoTime() < deadlineNanos) {
                step();
                Thread.sleep(thinkMillis / 2 + random.nextInt(Math.max(1, thinkMillis)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            unexpected.add(new Unexpected(Kind.SEARCH, -1, "unreadable answer: " + e.getMessage()));
        }
    }

    private void step() throws InterruptedException, IOException {
        Kind kind = pick();
        if (own.isEmpty() && (kind == Kind.MOVE || kind == Kind.REMOVE || kind == Kind.READD)) {
            kind = Kind.ADD;
        }
        switch (kind) {
            case ADD -> add();
            case MOVE -> move();
            case REMOVE -> remove();
            case SEARCH -> search();
            case READD -> readd();
            case DOUBLE_ADD -> doubleAdd();
        }
    }

    private Kind pick() {
        int roll = random.nextInt(100);
        for (Map.Entry<Kind, Integer> share : MIX.entrySet()) {
            roll -= share.getValue();
            if (roll < 0) {
                return share.getKey();
            }
        }
        return Kind.ADD;
    }

    private void add() throws InterruptedException, IOException {
        Content content = freshContent();
        long t = System.nanoTime();
        Answer answer = session.post(project.path() + "/codings", body(content));
        time(Kind.ADD, t, answer);
        if (answer.status() == 201) {
            acknowledgeAdd(answer, content);
        } else {
            failed(Kind.ADD, answer);
        }
    }

    private void move() throws InterruptedException, IOException {
        long id = own.get(random.nextInt(own.size()));
        Content was = ledger.expected().get(id);
        Content to = moved(was);
        String json = LoadProject.json(to.codeId() == was.codeId()
                ? Map.of("start", to.start(), "end", to.end(), "version", ledger.version(id))
                : Map.of("start", to.start(), "end", to.end(), "codeId", to.codeId(), "version", ledger.version(id)));
        long t = System.nanoTime();
        Answer answer = session.put(project.path() + "/codings/" + id, json);
        time(Kind.MOVE, t, answer);
        if (answer.status() == 200) {
            JsonNode view = LoadProject.JSON.readTree(answer.body());
            ledger.moved(id, content(view), view.get("version").asLong());
        } else {
            failed(Kind.MOVE, answer);
        }
    }

    private void remove() throws InterruptedException {
        int at = random.nextInt(own.size());
        long id = own.get(at);
        long t = System.nanoTime();
        Answer answer = session.delete(project.path() + "/codings/" + id);
        time(Kind.REMOVE, t, answer);
        if (answer.status() == 204) {
            ledger.removed(id);
            own.remove(at);
        } else {
            failed(Kind.REMOVE, answer);
        }
    }

    private void search() throws InterruptedException {
        String q = queries.get(random.nextInt(queries.size()));
        long t = System.nanoTime();
        Answer answer = session.get(searchPath(project, q));
        time(Kind.SEARCH, t, answer);
        if (answer.status() != 200) {
            failed(Kind.SEARCH, answer);
        }
    }

    /** The same code on exactly the same text again: Margin refuses it (409) and nothing changes. */
    private void readd() throws InterruptedException, IOException {
        Content again = ledger.expected().get(own.get(random.nextInt(own.size())));
        long t = System.nanoTime();
        Answer answer = session.post(project.path() + "/codings", body(again));
        time(Kind.READD, t, answer);
        if (answer.status() == 201) {
            acknowledgeAdd(answer, again); // a duplicate: the check after the run reports it
        } else if (answer.status() != 409) {
            failed(Kind.READD, answer);
        }
    }

    /** Two identical adds at once, as a double click sends them: exactly one may be created. */
    private void doubleAdd() throws IOException {
        Content content = freshContent();
        String json = body(content);
        long t = System.nanoTime();
        List<CompletableFuture<Answered>> sent = List.of(
                session.postAsync(project.path() + "/codings", json).thenApply(a -> new Answered(a, System.nanoTime())),
                session.postAsync(project.path() + "/codings", json).thenApply(a -> new Answered(a, System.nanoTime())));
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<Answered> one : sent) {
            Answered answered = one.join();
            time(Kind.DOUBLE_ADD, t, answered.at(), answered.answer());
            answers.add(answered.answer());
        }
        long created = answers.stream().filter(a -> a.status() == 201).count();
        for (Answer answer : answers) {
            if (answer.status() == 201) {
                acknowledgeAdd(answer, content); // two of them: a duplicate, reported by the check
            } else if (answer.status() != 409 || created != 1) {
                failed(Kind.DOUBLE_ADD, answer);
            }
        }
    }

    private record Answered(Answer answer, long at) {
    }

    private void acknowledgeAdd(Answer answer, Content content) throws IOException {
        JsonNode view = LoadProject.JSON.readTree(answer.body());
        long id = view.get("id").asLong();
        ledger.added(id, content(view), view.get("version").asLong());
        if (!content(view).equals(content)) {
            unexpected.add(new Unexpected(Kind.ADD, 201, "coding " + id + " was stored at another range than sent"));
        }
        own.add(id);
    }

    private void time(Kind kind, long started, Answer answer) {
        time(kind, started, System.nanoTime(), answer);
    }

    private void time(Kind kind, long started, long now, Answer answer) {
        if (started >= measureFromNanos) {
            latencies.get(kind).record(now - started, answer.status());
        }
        if (kind.isCoding()) {
            int window = (int) Math.min(codingWindows.length - 1, (started - startNanos) / 10_000_000_000L);
            codingWindows[Math.max(0, window)].record(now - started, answer.status());
        }
        if (answer.status() == 0) {
            ledger.inDoubt();
        }
    }

    private void failed(Kind kind, Answer answer) {
        String detail = "";
        if (answer.status() == 0) {
            detail = "no answer within " + BrowserSession.TIMEOUT.toSeconds() + " s";
        } else {
            try {
                JsonNode problem = LoadProject.JSON.readTree(answer.body());
                detail = problem.path("title").asText("") + ": " + problem.path("detail").asText("");
            } catch (IOException e) {
                detail = "(not problem+json)";
            }
        }
        unexpected.add(new Unexpected(kind, answer.status(), detail));
    }

    /** A new random range of one of the project's documents with one of its codes, not already in the ledger. */
    private Content freshContent() {
        while (true) {
            int doc = random.nextInt(project.documentIds().size());
            int length = project.lengths().get(doc);
            int span = 20 + random.nextInt(Math.min(400, length - 20));
            int start = random.nextInt(length - span);
            Content content = new Content(project.documentIds().get(doc),
                    project.codeIds().get(random.nextInt(project.codeIds().size())), start, start + span);
            if (!ledger.holds(content)) {
                return content;
            }
        }
    }

    /** The coding's boundaries moved by up to 60 characters each (and sometimes its code changed). */
    private Content moved(Content was) {
        int length = project.lengths().get(project.documentIds().indexOf(was.documentId()));
        while (true) {
            int start = Math.clamp(was.start() + random.nextInt(121) - 60, 0, length - 2);
            int end = Math.clamp(was.end() + random.nextInt(121) - 60, start + 1, length);
            long code = random.nextInt(10) == 0 ? project.codeIds().get(random.nextInt(project.codeIds().size()))
                    : was.codeId();
            Content to = new Content(was.documentId(), code, start, end);
            if (!to.equals(was) && !ledger.holds(to)) {
                return to;
            }
        }
    }

    private static String body(Content c) {
        return LoadProject.json(Map.of("documentId", c.documentId(), "codeId", c.codeId(), "start", c.start(),
                "end", c.end()));
    }

    static Content content(JsonNode view) {
        return new Content(view.get("documentId").asLong(), view.get("codeId").asLong(), view.get("start").asInt(),
                view.get("end").asInt());
    }

    /** A search as the coders send it: a page of 20 hits for {@code q}. */
    static String searchPath(LoadProject project, String q) {
        return project.path() + "/search?pageSize=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What coders search for: words, phrases, code filters (seeing their own layer), a word within a code. */
    static List<String> queries(LoadProject project, Random random) {
        CorpusGenerator words = new CorpusGenerator(random.nextLong(), 0);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            queries.add(words.englishWord());
            queries.add(words.phraseFrom(project.texts().get(random.nextInt(project.texts().size()))));
            String code = project.codeNames().get(random.nextInt(project.codeNames().size()));
            queries.add("code:\"" + code + "\"");
            queries.add(words.englishWord() + " code:\"" + code + "\"");
        }
        queries.add("브로커");
        queries.add("\"money broker\"~3");
        return queries;
    }
}
