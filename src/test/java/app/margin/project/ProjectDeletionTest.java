package app.margin.project;

import static app.margin.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.exchange.ExchangeFixture;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deleting a project asks every feature to remove its rows: nothing of it is left, nothing of another is touched. */
@QuarkusTest
class ProjectDeletionTest {
    /** Rows of one project, per table (text units through their documents). */
    private static final Map<String, String> ROWS = new LinkedHashMap<>();

    static {
        ROWS.put("project", "select count(*) from project where id = ?1");
        ROWS.put("membership", "select count(*) from membership where project_id = ?1");
        ROWS.put("document", "select count(*) from document where project_id = ?1");
        ROWS.put("text_unit", "select count(*) from text_unit u join document d on d.id = u.document_id "
                + "where d.project_id = ?1");
        ROWS.put("research_case", "select count(*) from research_case where project_id = ?1");
        ROWS.put("code", "select count(*) from code where project_id = ?1");
        ROWS.put("coding", "select count(*) from coding where project_id = ?1");
        ROWS.put("memo", "select count(*) from memo where project_id = ?1");
        ROWS.put("agreement_round", "select count(*) from agreement_round where project_id = ?1");
    }

    @Inject
    EntityManager em;

    @Test
    void everyFeatureRemovesItsRowsAndTheAuditLogStays() {
        ExchangeFixture doomed = new ExchangeFixture("Doomed");
        ExchangeFixture kept = new ExchangeFixture("Kept");
        String supervisor = doomed.team.supervisor();
        long coding = as(supervisor).get(doomed.team.path("/codings")).then().extract().jsonPath().getLong("[0].id");
        for (Map<String, Object> memo : List.<Map<String, Object>>of(
                Map.of("targetType", "CODING", "targetId", coding, "body", "On a coding."),
                Map.of("targetType", "DOCUMENT", "targetId", doomed.p07, "body", "On a document."),
                Map.of("targetType", "CODE", "targetId", doomed.work, "body", "On a code."),
                Map.of("targetType", "PROJECT", "body", "On the project."))) {
            as(supervisor).body(memo).post(doomed.team.path("/memos")).then().statusCode(201);
        }
        as(supervisor).body(Map.of("name", "Round 1", "documentIds", List.of(doomed.p07, doomed.p12),
                "coders", List.of(doomed.team.coder(), doomed.team.coder2()), "codeIds", List.of(doomed.work)))
                .post(doomed.team.path("/agreement/rounds")).then().statusCode(201);
        Map<String, Long> before = counts(doomed.pid());
        Map<String, Long> keptBefore = counts(kept.pid());
        assertEquals(1L, before.get("agreement_round"));
        assertEquals(4L, before.get("memo"));

        as(doomed.team.owner()).delete(doomed.team.path("")).then().statusCode(204);

        counts(doomed.pid()).forEach((table, n) -> assertEquals(0L, n, table + " rows of the deleted project"));
        assertEquals(keptBefore, counts(kept.pid()));
        assertEquals(1L, count("select count(*) from audit_event where project_id = ?1 and action = 'project.deleted'",
                doomed.pid()));
        as(doomed.team.owner()).get(doomed.team.path("")).then().statusCode(404);
    }

    private Map<String, Long> counts(long projectId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        ROWS.forEach((table, sql) -> counts.put(table, count(sql, projectId)));
        return counts;
    }

    private long count(String sql, long projectId) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery(sql).setParameter(1, projectId).getSingleResult()).longValue());
    }

}
