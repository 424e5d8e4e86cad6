package app.margin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.audit.AuditLog;
import app.margin.audit.OtherInstance;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.DocumentsChanged;
import app.margin.corpus.Document;
import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A change committed through another instance on the same database (its announcement never reaches this JVM) is
 * applied to this instance's index by the follower alone, before any search here asks for it.
 */
@QuarkusTest
class IndexFollowerTest {
    @Inject
    ProjectIndexes indexes;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    ChangeFeed feed;

    @Test
    void aChangeMadeElsewhereIsIndexedHereWithoutASearch() throws InterruptedException {
        Team team = Api.team("Followed");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p01.txt", "The broker waited at the border.", null);
        Api.as(team.supervisor()).get(team.path("/search?q=broker")).then().statusCode(200); // the index is open here
        AuditLog elsewhere = OtherInstance.auditLog(em, json);
        long seq = QuarkusTransaction.requiringNew().call(() -> {
            Document document = Document.findById(doc);
            document.title = "Renamed elsewhere";
            long recorded = elsewhere.record(team.projectId(), team.supervisor(), "document.updated", "DOCUMENT", doc,
                    Map.of("title", "p01.txt"), Map.of("title", document.title));
            feed.publish(recorded, DocumentsChanged.of(team.projectId(), doc)); // as the other instance's service does
            return recorded;
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (indexes.appliedSeq(team.projectId()) < seq && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(seq, indexes.appliedSeq(team.projectId()), "applied without a search asking for it");
        assertTrue(Api.as(team.supervisor()).get(team.path("/search?q=broker")).then().statusCode(200).extract()
                .jsonPath().getString("hits[0].documentTitle").equals("Renamed elsewhere"));
    }
}
