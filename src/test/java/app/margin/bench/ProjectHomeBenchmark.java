package app.margin.bench;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The benchmark project's supervisor home page and a code's segment list (a command, not a test: run with
 * {@code ./mvnw -B -q test -Pbench -Dtest=ProjectHomeBenchmark}). The home page's requests are made as app.js makes
 * them (project, documents, members and codes at once, then the coding counts), and also the old way (every coding,
 * counted in the client), so both figures come from one run. Sizes: bench.documents (2000), bench.words (9000),
 * bench.codes (150), bench.codings (300000), bench.seed (42). {@code -Dbench.reuse=…/target/bench-data} measures the
 * project another build's run left instead (see {@link HomeBenchmarkProfile}). Prints BENCHMARK lines; asserts nothing
 * about time. {@code -Dbench.homeOnly=true} times the home page's requests only (not the old way, nor segments).
 */
@QuarkusTest
@TestProfile(HomeBenchmarkProfile.class)
class ProjectHomeBenchmark {
    static final int DOCUMENTS = Integer.getInteger("bench.documents", 2000);
    static final int WORDS = Integer.getInteger("bench.words", 9000);
    static final int CODES = Integer.getInteger("bench.codes", 150);
    static final int CODINGS = Integer.getInteger("bench.codings", 300_000);
    static final long SEED = Long.getLong("bench.seed", 42);
    static final int RUNS = Integer.getInteger("bench.runs", 5);

    @Inject
    DataSource dataSource;

    @Test
    void run() throws Exception {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().httpClient(
                io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 900_000));
        String supervisor;
        long pid;
        List<Long> codes = new ArrayList<>();
        if (System.getProperty("bench.reuse") != null) { // the project another run made (HomeBenchmarkProfile)
            try (Connection db = dataSource.getConnection(); var s = db.createStatement();
                    ResultSet rs = s.executeQuery("select p.id, u.username from project p join app_user u "
                            + "on u.id = p.created_by order by p.id fetch first 1 rows only")) {
                rs.next();
                pid = rs.getLong(1);
                supervisor = rs.getString(2);
            }
            try (Connection db = dataSource.getConnection(); var s = db.createStatement();
                    ResultSet rs = s.executeQuery("select id from code where project_id = " + pid + " order by id")) {
                while (rs.next()) {
                    codes.add(rs.getLong(1));
                }
            }
        } else {
            supervisor = Api.newUser("bench-supervisor");
            pid = Api.newProject(supervisor, "Home benchmark");
            generate(supervisor, pid, codes);
        }
        String path = "/api/v1/projects/" + pid;
        SearchBenchmark.BrowserClient browser = SearchBenchmark.BrowserClient.signIn(supervisor, Api.PASSWORD);
        // the index catches up before anything is timed, so it does not compete for the cores
        Api.as(supervisor).queryParam("q", "broker").get(path + "/search").then().statusCode(200);

        time(browser, "home page, new (documents, codes, members, project, then codings/counts)",
                List.of(path, path + "/documents", path + "/members", path + "/codes"), path + "/codings/counts");
        revalidated(supervisor, List.of(path, path + "/documents", path + "/members", path + "/codes"),
                path + "/codings/counts");
        time(browser, "codings/counts alone", List.of(), path + "/codings/counts");
        time(browser, "codes (with their counts) alone", List.of(), path + "/codes");
        time(browser, "documents alone", List.of(), path + "/documents");
        if (Boolean.getBoolean("bench.homeOnly")) { // -Dbench.homeOnly=true: the home page's requests only
            return;
        }
        time(browser, "home page, old (documents, codes, members, project, then every coding)",
                List.of(path, path + "/documents", path + "/members", path + "/codes"), path + "/codings");
        time(browser, "a page of 1,000 codings (limit=1000)", List.of(), path + "/codings?limit=1000");
        time(browser, "segments of the most frequent code", List.of(), path + "/codes/" + codes.getFirst() + "/segments");
        time(browser, "segments of a median code", List.of(), path + "/codes/" + codes.get(CODES / 2) + "/segments");
    }

    /**
     * The home page as app.js loads it again later in the same page: the documents, the codebook and the counts with
     * the ETags of their last answers (If-None-Match), as its revalidated() does; median of RUNS, statuses of the last.
     */
    private static void revalidated(String supervisor, List<String> parallel, String then) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).build();
        String base = "http://localhost:" + io.restassured.RestAssured.port;
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("j_username=" + supervisor + "&j_password="
                        + Api.PASSWORD)).build(), HttpResponse.BodyHandlers.discarding());
        Map<String, String> tags = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.Function<String, HttpResponse<byte[]>> get = uri -> {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + uri)).GET();
            String tag = tags.get(uri);
            if (tag != null) {
                request.header("If-None-Match", tag);
            }
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().firstValue("ETag").ifPresent(t -> tags.put(uri, t));
                return response;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        List<String> all = new ArrayList<>(parallel);
        all.add(then);
        all.forEach(get::apply); // the first visit: full answers and their tags
        long[] times = new long[RUNS];
        List<Integer> statuses = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            statuses.clear();
            long t = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (String uri : parallel) {
                threads.add(Thread.startVirtualThread(() -> get.apply(uri)));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            statuses.add(get.apply(then).statusCode());
            times[run] = System.nanoTime() - t;
        }
        for (String uri : parallel) {
            statuses.add(get.apply(uri).statusCode());
        }
        Arrays.sort(times);
        System.out.printf("BENCHMARK home page, revalidated (the same requests with If-None-Match): median %.0f ms, "
                + "min %.0f, max %.0f over %d runs (HTTP %s)%n", times[RUNS / 2] / 1e6, times[0] / 1e6,
                times[RUNS - 1] / 1e6, RUNS, statuses);
    }

    /** The benchmark project: 2,000 generated transcripts, 5 coders, 150 codes, 300,000 codings. */
    private void generate(String supervisor, long pid, List<Long> codes) throws Exception {
        CorpusGenerator generator = new CorpusGenerator(SEED, 0.2);
        Api.addMember(supervisor, pid, Api.newUser("bench-lead"), "SUPERVISOR");
        List<String> coders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            coders.add(Api.newUser("bench-coder"));
            Api.addMember(supervisor, pid, coders.getLast(), "CODER");
        }
        String path = "/api/v1/projects/" + pid;
        SearchBenchmark.BrowserClient browser = SearchBenchmark.BrowserClient.signIn(supervisor, Api.PASSWORD);
        List<Long> documents = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int from = 0; from < DOCUMENTS; from += 100) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = from; i < Math.min(DOCUMENTS, from + 100); i++) {
                String text = generator.transcript(String.format("H%04d", i + 1), WORDS);
                files.put(String.format("H%04d.txt", i + 1), text.getBytes(StandardCharsets.UTF_8));
            }
            browser.upload(path + "/documents", files).get("imported").forEach(d -> {
                documents.add(d.get("id").asLong());
                lengths.add(d.get("length").asInt());
            });
        }
        for (int i = 1; i <= CODES; i++) {
            codes.add(Api.newCode(supervisor, pid, "Code " + i, null));
        }
        insertCodings(pid, documents, lengths, codes, coders, generator.random());
    }

    /** Median of RUNS (5): the {@code parallel} requests at once (as Promise.all), then {@code then}; bytes of the last. */
    private static void time(SearchBenchmark.BrowserClient browser, String what, List<String> parallel, String then)
            throws Exception {
        long[] times = new long[RUNS + 1];
        int status = 0;
        int bytes = 0;
        for (int run = 0; run <= RUNS; run++) { // the first run warms up and is left out
            long t = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (String uri : parallel) {
                threads.add(Thread.startVirtualThread(() -> {
                    try {
                        browser.get(uri);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            HttpResponse<byte[]> last = browser.get(then);
            times[run] = System.nanoTime() - t;
            status = last.statusCode();
            bytes = last.body().length;
        }
        long[] timed = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(timed);
        System.out.printf("BENCHMARK %s: median %.0f ms, min %.0f, max %.0f over %d runs (HTTP %d, %.1f MB)%n", what,
                timed[RUNS / 2] / 1e6, timed[0] / 1e6, timed[RUNS - 1] / 1e6, RUNS, status, bytes / 1e6);
    }

    /** Codings straight into the database: ranges of 30–430 characters, codes skewed (a few frequent ones). */
    private void insertCodings(long pid, List<Long> documents, List<Integer> lengths, List<Long> codes,
            List<String> coders, Random random) throws Exception {
        try (Connection db = dataSource.getConnection()) {
            List<Long> coderIds = new ArrayList<>();
            for (String coder : coders) {
                try (PreparedStatement s = db.prepareStatement("select id from app_user where username = ?")) {
                    s.setString(1, coder);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        coderIds.add(rs.getLong(1));
                    }
                }
            }
            db.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = db.prepareStatement("insert into coding (project_id, document_id, code_id, "
                    + "coder_id, layer, start_offset, end_offset, created_at, updated_at, version) "
                    + "values (?,?,?,?,'CODER',?,?,?,?,0)")) {
                for (int n = 0; n < CODINGS; n++) {
                    int doc = n % documents.size();
                    int start = random.nextInt(lengths.get(doc) - 500);
                    double u = random.nextDouble();
                    insert.setLong(1, pid);
                    insert.setLong(2, documents.get(doc));
                    insert.setLong(3, codes.get((int) (codes.size() * u * u)));
                    insert.setLong(4, coderIds.get(random.nextInt(coderIds.size())));
                    insert.setInt(5, start);
                    insert.setInt(6, start + 30 + random.nextInt(400));
                    insert.setTimestamp(7, now);
                    insert.setTimestamp(8, now);
                    insert.addBatch();
                    if (n % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
        }
    }
}
