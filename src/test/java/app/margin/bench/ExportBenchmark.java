package app.margin.bench;

import static app.margin.support.Api.as;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The export benchmark (a command, not a test: excluded from the suite; see the README's "Benchmarks"). Prints
 * figures prefixed with BENCHMARK; asserts nothing about time.
 *
 * <p>First the side-by-side workload of issue 14 (100 transcripts of 5,000 words, 1,000 codings, one code with 334
 * segments): one code's CSV and XLSX over HTTP with a session cookie, p50/p99 of 200 requests. Then a large project
 * (bench.export.documents × bench.export.words, bench.export.codings codings): the heap a whole-project .qdpx export
 * and an all-codes CSV take while they run, and what a finished export job keeps in the heap.
 */
@QuarkusTest
@TestProfile(ShippedDatabaseProfile.class)
class ExportBenchmark {
    static final int REQUESTS = Integer.getInteger("bench.requests", 200);
    static final int LARGE_DOCUMENTS = Integer.getInteger("bench.export.documents", 600);
    static final int LARGE_WORDS = Integer.getInteger("bench.export.words", 9000);
    static final int LARGE_CODINGS = Integer.getInteger("bench.export.codings", 60_000);

    @Inject
    DataSource dataSource;

    @Test
    void run() throws Exception {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().httpClient(
                io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 900_000));
        String owner = Api.newUser("bench-owner");
        SearchBenchmark.BrowserClient browser = SearchBenchmark.BrowserClient.signIn(owner, Api.PASSWORD);

        // the side-by-side workload: one code with 334 of the 1,000 codings
        Project small = project(owner, browser, "Taguette workload", 100, 5000, 4);
        insertCodings(small, owner, 1000, i -> i % 3 == 0 ? 0 : 1 + i % 3);
        long code = small.codes.getFirst();
        for (String format : List.of("csv", "xlsx")) {
            String url = small.path + "/export/segments?format=" + format + "&codeId=" + code;
            long[] times = time(browser, url);
            System.out.printf("BENCHMARK export one code (334 segments) as %s over HTTP with a session: p50 %.1f ms, "
                    + "p99 %.1f ms (%d requests after %d warm-up)%n", format.toUpperCase(), times[times.length / 2] / 1e6,
                    times[(int) Math.ceil(times.length * 0.99) - 1] / 1e6, times.length, REQUESTS / 2);
        }

        // a large project: heap while exporting, and what a finished job keeps
        Project large = project(owner, browser, "Large export", LARGE_DOCUMENTS, LARGE_WORDS, 40);
        insertCodings(large, owner, LARGE_CODINGS, i -> i % large.codes.size());
        System.out.printf("BENCHMARK large project: %d documents, %.1f MB of text, %d codings%n", LARGE_DOCUMENTS,
                large.bytes / 1e6, LARGE_CODINGS);
        heap("qdpx", browser, large.path + "/export/qdpx");
        heap("all-codes CSV", browser, large.path + "/export/segments?format=csv");
        long before = retainedHeap();
        String job = as(owner).post(large.path + "/export/jobs?type=qdpx").then().statusCode(202).extract().jsonPath()
                .getString("id");
        while ("RUNNING".equals(as(owner).get("/api/v1/exchange/jobs/" + job).then().extract().jsonPath().getString("state"))) {
            Thread.sleep(200);
        }
        long after = retainedHeap();
        HttpResponse<byte[]> file = browser.get("/api/v1/exchange/jobs/" + job + "/result");
        System.out.printf("BENCHMARK a finished .qdpx export job keeps %.1f MB in the heap (file %.1f MB, HTTP %d)%n",
                (after - before) / 1e6, file.body().length / 1e6, file.statusCode());
    }

    private long[] time(SearchBenchmark.BrowserClient browser, String url) throws Exception {
        for (int i = 0; i < REQUESTS / 2; i++) {
            expect200(browser.get(url));
        }
        long[] times = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long t = System.nanoTime();
            expect200(browser.get(url));
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        return times;
    }

    /** Peak used heap (sampled every millisecond) above the retained heap before, while one export runs. */
    private void heap(String what, SearchBenchmark.BrowserClient browser, String url) throws Exception {
        expect200(browser.get(url)); // warm up
        long base = retainedHeap();
        AtomicLong peak = new AtomicLong();
        var memory = ManagementFactory.getMemoryMXBean();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t = System.nanoTime();
        HttpResponse<byte[]> response = browser.get(url);
        long took = System.nanoTime() - t;
        sampler.interrupt();
        sampler.join();
        expect200(response);
        System.out.printf("BENCHMARK large %s export: %.1f MB file in %.2f s; heap peak %.0f MB above the %.0f MB "
                + "retained before (the response is read by this same JVM's client: %.1f MB of that is the client's copy)%n",
                what, response.body().length / 1e6, took / 1e9, (peak.get() - base) / 1e6, base / 1e6,
                response.body().length / 1e6);
    }

    private static long retainedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void expect200(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    record Project(long id, String path, List<Long> documents, List<Integer> lengths, List<Long> codes, long bytes) {
    }

    private Project project(String owner, SearchBenchmark.BrowserClient browser, String name, int documents, int words,
            int codes) throws Exception {
        long pid = Api.newProject(owner, name);
        String path = "/api/v1/projects/" + pid;
        CorpusGenerator generator = new CorpusGenerator(42, 0);
        List<Integer> lengths = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        long bytes = 0;
        for (int from = 0; from < documents; from += 100) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = from; i < Math.min(documents, from + 100); i++) {
                files.put(String.format("P%04d.txt", i + 1), generator.transcript(String.format("P%04d", i + 1), words)
                        .getBytes(StandardCharsets.UTF_8));
                bytes += files.get(String.format("P%04d.txt", i + 1)).length;
            }
            browser.upload(path + "/documents", files).get("imported").forEach(d -> {
                ids.add(d.get("id").asLong());
                lengths.add(d.get("length").asInt());
            });
        }
        List<Long> codeIds = new ArrayList<>();
        for (int i = 1; i <= codes; i++) {
            codeIds.add(Api.newCode(owner, pid, "Code " + i, null));
        }
        return new Project(pid, path, ids, lengths, codeIds, bytes);
    }

    /** Codings straight into the database, sentence-sized, spread over the documents; codeOf picks each one's code. */
    private void insertCodings(Project p, String owner, int count, java.util.function.IntUnaryOperator codeOf)
            throws Exception {
        Random random = new Random(7);
        try (Connection c = dataSource.getConnection()) {
            long coder;
            try (PreparedStatement s = c.prepareStatement("select id from app_user where username = ?")) {
                s.setString(1, owner);
                var rs = s.executeQuery();
                rs.next();
                coder = rs.getLong(1);
            }
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = c.prepareStatement("insert into coding (project_id, document_id, code_id, "
                    + "coder_id, layer, start_offset, end_offset, created_at, updated_at, version) values (?,?,?,?,?,?,?,?,?,0)")) {
                for (int n = 0; n < count; n++) {
                    int doc = n % p.documents.size();
                    int length = p.lengths.get(doc);
                    int start = random.nextInt(length - 500);
                    int end = Math.min(length, start + 30 + random.nextInt(400));
                    insert.setLong(1, p.id);
                    insert.setLong(2, p.documents.get(doc));
                    insert.setLong(3, p.codes.get(codeOf.applyAsInt(n)));
                    insert.setLong(4, coder);
                    insert.setString(5, "MASTER");
                    insert.setInt(6, start);
                    insert.setInt(7, end);
                    insert.setTimestamp(8, now);
                    insert.setTimestamp(9, now);
                    insert.addBatch();
                    if (n % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }
}
