package app.margin.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.coding.CodingLayer;
import app.margin.exchange.ExchangeDtos.SegmentFilter;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter's defaults and the search query: only the segments the query finds are exported. */
@QuarkusTest
class SegmentFilterTest {
    @Test
    void defaultsAreTheMasterLayerAndNoRestriction() {
        SegmentFilter f = new SegmentFilter(null, true, null, null, null, null, null, null);
        assertEquals(CodingLayer.MASTER, f.layer());
        assertEquals(List.of(), f.codeIds());
        assertEquals(Map.of(), f.attributes());
        assertEquals("broker", f.withQuery("broker").query());
    }

    @Test
    void aSearchQueryKeepsOnlyTheSegmentsItFinds() {
        app.margin.support.Api.Team team = app.margin.support.Api.team("Export with a query");
        String text = "P01: The broker took my money.\nP01: The church helped us.\n";
        long doc = app.margin.support.Api.importText(team.supervisor(), team.projectId(), "p01.txt", text, null);
        long code = app.margin.support.Api.newCode(team.supervisor(), team.projectId(), "Journey", null);
        app.margin.support.Api.code(team.coder(), team.projectId(), doc, code, text.indexOf("The broker"), text.indexOf("\nP01: The church"));
        app.margin.support.Api.code(team.coder(), team.projectId(), doc, code, text.indexOf("The church"), text.length() - 1);
        String csv = app.margin.support.Api.as(team.coder())
                .get(team.path("/export/segments?layer=CODER&q=broker")).then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("The broker took my money."), csv);
        org.junit.jupiter.api.Assertions.assertFalse(csv.contains("The church helped us."), csv);
        app.margin.support.Api.as(team.coder()).get(team.path("/export/segments?q=broker AND (")).then().statusCode(400);
    }
}
