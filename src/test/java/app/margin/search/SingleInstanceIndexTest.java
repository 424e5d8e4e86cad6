package app.margin.search;

import static app.margin.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.audit.AuditLog;
import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One instance alone on its database (the embedded default: nothing to follow): a search compares its index with the
 * caller's own last change committed here, without reading the database's chain head, and sees it; it does not wait
 * for other people's changes, which the index applies within its next pass.
 */
@QuarkusTest
@TestProfile(SingleInstanceIndexTest.Alone.class)
class SingleInstanceIndexTest {
    public static class Alone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("margin.index-follow-interval", "0s");
        }
    }

    @Inject
    ProjectIndexes indexes;
    @Inject
    AuditLog audit;

    @Test
    void eachSearchSeesTheChangeJustMade() {
        Team team = Api.team("Alone");
        long pid = team.projectId();
        long doc = Api.importText(team.supervisor(), pid, "a.txt", "The broker waited at the border.", null);
        long waiting = Api.newCode(team.supervisor(), pid, "Waiting", null);
        long border = Api.newCode(team.supervisor(), pid, "Border", null);
        for (int i = 0; i < 5; i++) {
            Api.code(team.coder(), pid, doc, waiting, 4 + i, 10 + i);
            assertEquals(i + 1, total(team.coder(), team, "code:Waiting"), "the coding just made");
            assertEquals(audit.head(pid).seq(), indexes.appliedSeq(pid));
        }
        as(team.supervisor()).body(Map.of("intoCodeId", border)).post(team.path("/codes/" + waiting + "/merge"))
                .then().statusCode(200);
        assertEquals(5, total(team.supervisor(), team, "code:Border"), "the merge just made");
        assertEquals(audit.head(pid).seq(), indexes.appliedSeq(pid));
    }

    @Test
    void aSearchWaitsForTheCallersOwnChangeButNotForSomeoneElses() throws Exception {
        Team team = Api.team("Own changes");
        long pid = team.projectId();
        long doc = Api.importText(team.supervisor(), pid, "a.txt", "The broker waited at the border.", null);
        long waiting = Api.newCode(team.supervisor(), pid, "Waiting", null);
        Api.code(team.coder(), pid, doc, waiting, 4, 10);
        assertEquals(1, total(team.coder(), team, "code:Waiting"));
        assertEquals(1, total(team.supervisor(), team, "code:Waiting"), "the supervisor sees the coder's layer");

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        indexes.onIndexer(() -> {
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(held.await(60, TimeUnit.SECONDS));
        CompletableFuture<Integer> coderSearch;
        try {
            // committed, but the indexer cannot apply it while it is held
            Api.code(team.coder(), pid, doc, waiting, 11, 17);
            CompletableFuture<Integer> supervisorSearch = CompletableFuture.supplyAsync(
                    () -> total(team.supervisor(), team, "code:Waiting"));
            assertEquals(1, supervisorSearch.get(60, TimeUnit.SECONDS),
                    "someone else's search answers from the index as it is, without waiting for the held indexer");
            coderSearch = CompletableFuture.supplyAsync(() -> total(team.coder(), team, "code:Waiting"));
        } finally {
            release.countDown();
        }
        assertEquals(2, coderSearch.get(60, TimeUnit.SECONDS),
                "the coder's own search waited for the pass that applied the coder's change");
        IndexWait.applied(pid);
        assertEquals(2, total(team.supervisor(), team, "code:Waiting"), "once applied, everyone sees it");
    }

    private static int total(String user, Team team, String q) {
        return as(user).queryParam("q", q).queryParam("scope", "coded").get(team.path("/search")).then()
                .statusCode(200).extract().jsonPath().getInt("total");
    }
}
