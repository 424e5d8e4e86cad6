package app.margin.coding;

import static app.margin.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.identity.AppUser;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.identity.ProjectRole;
import app.margin.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The visibility rule's translations select the same codings. Random small projects (members of every role, a
 * supervisor who adjudicated and was then made a coder, coders' and master codings, blind and revealed rounds that
 * overlap) are built through the API; then, for every member, the codings an oracle written from the README's rule
 * allows must be exactly those that the in-memory check passes, the JPQL condition selects (directly, through
 * {@code GET /codings} and the codebook's counts) and the Lucene filter lets search find (all segments, per code and
 * per {@code coder:}).
 */
@QuarkusTest
class LayerVisibilityPropertyTest {
    private static final int PROJECTS = 4;
    private static final String TEXT = "The broker took my money. I paid him twice! Then we left at night. "
            + "Nobody asked us anything at the border.";

    record Round(Set<Long> documents, Set<String> coders, boolean blind, boolean revealed) {
    }

    record Seen(long id, CodingLayer layer, String coder, long documentId, long codeId) {
    }

    @Test
    void everyTranslationOfTheRuleSelectsTheSameCodings() {
        for (int seed = 1; seed <= PROJECTS; seed++) {
            check(new Random(seed), seed);
        }
    }

    private void check(Random random, int seed) {
        String owner = Api.newUser("owner");
        long pid = Api.newProject(owner, "Visibility " + seed);
        String lead = member(owner, pid, "lead", "SUPERVISOR");
        String former = member(owner, pid, "former", "SUPERVISOR");
        String viewer = member(owner, pid, "viewer", "VIEWER");
        List<String> coders = new ArrayList<>();
        for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
            coders.add(member(owner, pid, "coder", "CODER"));
        }
        List<String> coding = new ArrayList<>(coders);
        coding.add(former);
        List<Long> documents = new ArrayList<>();
        for (int i = 0, n = 2 + random.nextInt(4); i < n; i++) {
            documents.add(Api.importText(lead, pid, "d" + i + ".txt", TEXT, null));
        }
        Map<Long, String> codeNames = new LinkedHashMap<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            String name = "Code " + (char) ('A' + i);
            codeNames.put(Api.newCode(lead, pid, name, null), name);
        }
        List<Long> codes = List.copyOf(codeNames.keySet());

        // the coders' own layers (an exact duplicate is refused, so each range is used once per coder and code)
        Map<String, Set<String>> used = new HashMap<>();
        Map<Long, long[]> coderCodings = new LinkedHashMap<>(); // id -> {document, code}
        for (String coder : coding) {
            for (int i = 0, n = random.nextInt(7); i < n; i++) {
                long doc = pick(random, documents);
                long code = pick(random, codes);
                int start = random.nextInt(TEXT.length() - 1);
                int end = start + 1 + random.nextInt(Math.min(30, TEXT.length() - start));
                if (used.computeIfAbsent(coder, c -> new HashSet<>()).add(doc + "/" + code + "/" + start + "/" + end)) {
                    coderCodings.put(Api.code(coder, pid, doc, code, start, end), new long[] {doc, code});
                }
            }
        }

        // master codings, adjudicated by the lead and by the supervisor who then becomes a coder
        List<Round> rounds = new ArrayList<>();
        long adjudication = round(lead, pid, new Round(Set.copyOf(documents), Set.copyOf(coding), false, false), codes);
        rounds.add(new Round(Set.copyOf(documents), Set.copyOf(coding), false, false));
        Set<String> accepted = new HashSet<>();
        for (var entry : coderCodings.entrySet()) {
            if (random.nextInt(3) == 0) {
                String adjudicator = random.nextBoolean() ? lead : former;
                JsonPath source = as(lead).get("/api/v1/projects/" + pid + "/codings/" + entry.getKey()).then()
                        .statusCode(200).extract().jsonPath();
                String range = entry.getValue()[0] + "/" + entry.getValue()[1] + "/" + source.getInt("start") + "/"
                        + source.getInt("end");
                if (accepted.add(range)) {
                    as(adjudicator).body(Map.of("decision", "ACCEPT", "documentId", entry.getValue()[0], "codeId",
                                    entry.getValue()[1], "codingIds", List.of(entry.getKey())))
                            .post("/api/v1/projects/" + pid + "/agreement/rounds/" + adjudication + "/adjudications")
                            .then().statusCode(201);
                }
            }
        }
        as(owner).body(Map.of("role", "CODER")).put("/api/v1/projects/" + pid + "/members/" + former).then()
                .statusCode(200);

        // blind and revealed rounds over random documents and coders, overlapping
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            Set<Long> docs = new TreeSet<>();
            while (docs.isEmpty() || random.nextBoolean()) {
                docs.add(pick(random, documents));
            }
            List<String> shuffled = new ArrayList<>(coding);
            java.util.Collections.shuffle(shuffled, random);
            Set<String> roundCoders = Set.copyOf(shuffled.subList(0, 2 + random.nextInt(shuffled.size() - 1)));
            boolean blind = random.nextBoolean();
            long rid = round(lead, pid, new Round(docs, roundCoders, blind, false), codes);
            boolean revealed = random.nextBoolean();
            if (revealed) {
                as(lead).post("/api/v1/projects/" + pid + "/agreement/rounds/" + rid + "/reveal").then().statusCode(200);
            }
            rounds.add(new Round(docs, roundCoders, blind, revealed));
        }

        List<Seen> all = seen(lead, pid);
        List<String> members = new ArrayList<>(List.of(owner, lead, former, viewer));
        members.addAll(coders);
        Map<String, ProjectRole> roles = new HashMap<>();
        members.forEach(m -> roles.put(m, ProjectRole.CODER));
        roles.put(owner, ProjectRole.OWNER);
        roles.put(lead, ProjectRole.SUPERVISOR);
        roles.put(viewer, ProjectRole.VIEWER);
        for (String me : members) {
            String context = "seed " + seed + ", " + roles.get(me) + " " + me + ", rounds " + rounds;
            boolean seesAll = roles.get(me) == ProjectRole.OWNER || roles.get(me) == ProjectRole.SUPERVISOR;
            Set<Long> expected = ids(all, c -> oracle(me, seesAll, rounds, c));
            assertEquals(expected, inMemory(pid, me, roles.get(me), all), "in memory: " + context);
            assertEquals(expected, jpql(pid, me, roles.get(me)), "JPQL: " + context);
            assertEquals(expected, idsOf(seen(me, pid)), "GET /codings: " + context);
            assertEquals(counts(all, expected), codebookCounts(me, pid), "codebook counts: " + context);
            assertEquals(expected, search(me, pid, ""), "search: " + context);
            for (long code : codes) {
                assertEquals(ids(all, c -> expected.contains(c.id()) && c.codeId() == code),
                        search(me, pid, "code:\"" + codeNames.get(code) + "\""), "search code: " + context);
                // each document is one passage (one paragraph): a passage is found by a code it has a visible coding of
                assertEquals(all.stream().filter(c -> expected.contains(c.id()) && c.codeId() == code)
                                .map(Seen::documentId).collect(Collectors.toCollection(TreeSet::new)),
                        passages(me, pid, "code:\"" + codeNames.get(code) + "\""), "passages of a code: " + context);
            }
            assertEquals(passageCounts(all, expected), passageCodeCounts(me, pid), "search counts per code: " + context);
            assertEquals(ids(all, c -> expected.contains(c.id()) && c.layer() == CodingLayer.MASTER),
                    search(me, pid, "coder:master"), "search coder:master: " + context);
            for (String coder : coding) {
                boolean askable = seesAll || coder.equals(me) || rounds.stream().anyMatch(r -> r.revealed()
                        && r.coders().contains(me) && r.coders().contains(coder));
                if (!askable) {
                    as(me).get("/api/v1/projects/" + pid + "/codings?coder=" + coder).then().statusCode(403);
                    as(me).queryParam("q", "coder:" + coder).get("/api/v1/projects/" + pid + "/search").then()
                            .statusCode(400);
                    continue;
                }
                assertEquals(ids(all, c -> expected.contains(c.id()) && c.coder().equals(coder)),
                        idsOf(seen(me, pid, "?coder=" + coder)), "GET /codings?coder=: " + context);
                assertEquals(ids(all, c -> expected.contains(c.id()) && c.layer() == CodingLayer.CODER
                        && c.coder().equals(coder)), search(me, pid, "coder:" + coder), "search coder: " + context);
                assertEquals(ids(all, c -> expected.contains(c.id()) && c.layer() == CodingLayer.CODER
                        && c.coder().equals(coder) && c.codeId() == codes.getFirst()),
                        search(me, pid, "code:\"" + codeNames.get(codes.getFirst()) + "\" coder:" + coder),
                        "search code: coder: " + context);
            }
        }
    }

    /** The rule as the README states it, from the rounds as the test made them. */
    private static boolean oracle(String me, boolean seesAll, List<Round> rounds, Seen c) {
        if (seesAll || (c.layer() == CodingLayer.CODER && c.coder().equals(me))) {
            return true;
        }
        boolean blind = rounds.stream().anyMatch(r -> r.blind() && !r.revealed() && r.coders().contains(me)
                && r.documents().contains(c.documentId()));
        if (blind) {
            return false;
        }
        return c.layer() == CodingLayer.MASTER || rounds.stream().anyMatch(r -> r.revealed() && r.coders().contains(me)
                && r.coders().contains(c.coder()) && r.documents().contains(c.documentId()));
    }

    private static Set<Long> inMemory(long pid, String me, ProjectRole role, List<Seen> all) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LayerVisibility visibility = LayerVisibility.of(grant(pid, me, role));
            Set<Long> ids = new TreeSet<>();
            for (Seen s : all) {
                Coding coding = Coding.findById(s.id());
                if (visibility.mayView(coding)) {
                    ids.add(s.id());
                }
            }
            return ids;
        });
    }

    private static Set<Long> jpql(long pid, String me, ProjectRole role) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> params = new HashMap<>();
            params.put("p", pid);
            String restriction = LayerVisibility.of(grant(pid, me, role)).restriction(params);
            return Coding.<Coding>list("projectId = :p" + restriction, params).stream().map(c -> c.id)
                    .collect(Collectors.toCollection(TreeSet::new));
        });
    }

    private static Grant grant(long pid, String username, ProjectRole role) {
        return new Grant(pid, AppUser.findByUsername(username).orElseThrow(), role);
    }

    private static Set<Long> search(String me, long pid, String q) {
        JsonPath found = as(me).queryParam("q", q).queryParam("scope", "coded").queryParam("pageSize", 200)
                .get("/api/v1/projects/" + pid + "/search").then().statusCode(200).extract().jsonPath();
        List<Number> ids = found.getList("hits.codingId");
        assertEquals(found.getInt("total"), ids.size(), "every hit on one page");
        return ids.stream().map(Number::longValue).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> passages(String me, long pid, String q) {
        List<Number> ids = as(me).queryParam("q", q).queryParam("pageSize", 200).get("/api/v1/projects/" + pid + "/search")
                .then().statusCode(200).extract().jsonPath().getList("hits.documentId");
        return ids.stream().map(Number::longValue).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Per code, the passages (here: documents) that search counts as carrying it in a layer the caller sees. */
    private static Map<Long, Long> passageCodeCounts(String me, long pid) {
        JsonPath found = as(me).get("/api/v1/projects/" + pid + "/search").then().statusCode(200).extract().jsonPath();
        Map<Long, Long> counts = new TreeMap<>();
        List<Number> codes = found.getList("codes.codeId");
        List<Number> hits = found.getList("codes.hits");
        for (int i = 0; i < codes.size(); i++) {
            counts.put(codes.get(i).longValue(), hits.get(i).longValue());
        }
        return counts;
    }

    private static Map<Long, Long> passageCounts(List<Seen> all, Set<Long> visible) {
        Map<Long, Set<Long>> documents = new TreeMap<>();
        all.stream().filter(c -> visible.contains(c.id()))
                .forEach(c -> documents.computeIfAbsent(c.codeId(), k -> new TreeSet<>()).add(c.documentId()));
        Map<Long, Long> counts = new TreeMap<>();
        documents.forEach((code, docs) -> counts.put(code, (long) docs.size()));
        return counts;
    }

    private static Map<Long, Long> codebookCounts(String me, long pid) {
        Map<Long, Long> counts = new TreeMap<>();
        JsonPath codes = as(me).get("/api/v1/projects/" + pid + "/codes").then().statusCode(200).extract().jsonPath();
        List<Number> ids = codes.getList("id");
        List<Number> codings = codes.getList("codings");
        for (int i = 0; i < ids.size(); i++) {
            if (codings.get(i).longValue() > 0) {
                counts.put(ids.get(i).longValue(), codings.get(i).longValue());
            }
        }
        return counts;
    }

    private static Map<Long, Long> counts(List<Seen> all, Set<Long> visible) {
        return all.stream().filter(c -> visible.contains(c.id()))
                .collect(Collectors.groupingBy(Seen::codeId, TreeMap::new, Collectors.counting()));
    }

    private static List<Seen> seen(String me, long pid) {
        return seen(me, pid, "");
    }

    private static List<Seen> seen(String me, long pid, String filter) {
        JsonPath codings = as(me).get("/api/v1/projects/" + pid + "/codings" + filter).then().statusCode(200)
                .extract().jsonPath();
        List<Seen> seen = new ArrayList<>();
        for (int i = 0, n = codings.getList("id").size(); i < n; i++) {
            String at = "[" + i + "].";
            seen.add(new Seen(codings.getLong(at + "id"), CodingLayer.valueOf(codings.getString(at + "layer")),
                    codings.getString(at + "coder"), codings.getLong(at + "documentId"), codings.getLong(at + "codeId")));
        }
        return seen;
    }

    private static Set<Long> idsOf(List<Seen> seen) {
        return seen.stream().map(Seen::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> ids(List<Seen> all, Predicate<Seen> which) {
        return all.stream().filter(which).map(Seen::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static long round(String lead, long pid, Round round, List<Long> codes) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Round");
        body.put("documentIds", List.copyOf(round.documents()));
        body.put("coders", List.copyOf(round.coders()));
        body.put("codeIds", codes);
        body.put("blind", round.blind());
        return as(lead).body(body).post("/api/v1/projects/" + pid + "/agreement/rounds").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static String member(String owner, long pid, String prefix, String role) {
        String username = Api.newUser(prefix);
        Api.addMember(owner, pid, username, role);
        return username;
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
