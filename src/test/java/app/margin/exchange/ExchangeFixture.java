package app.margin.exchange;

import static app.margin.support.Api.as;

import app.margin.coding.Coding;
import app.margin.coding.CodingLayer;
import app.margin.identity.AppUser;
import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small fixed project for export tests: two interviews (one with Hangul and an emoji), two cases with
 * attributes, a code tree of three codes, master-layer codings (made as if adjudicated) and a coder's own codings.
 */
public final class ExchangeFixture {
    static final String P07 = "Interviewer: When did you come to the UK?\n"
            + "P07: I arrived in 2010. The 브로커 비용 was high 😀, I paid it for years.\n"
            + "Interviewer: And work?\n"
            + "P07: I found work in New Malden, in a \"Korean\" shop.\n";
    static final String P12 = "Interviewer: How did you travel?\n"
            + "P12: Through China, with a broker.\n"
            + "Interviewer: And then?\n"
            + "P12: Then London. I work in a restaurant.\n";

    public final Team team;
    public final long p07;
    public final long p12;
    public final long migration;
    public final long arrival;
    public final long work;

    public ExchangeFixture(String name) {
        team = Api.team(name);
        long pid = team.projectId();
        p07 = Api.importText(team.supervisor(), pid, "P07 interview.txt", P07, "TRANSCRIPT");
        p12 = Api.importText(team.supervisor(), pid, "P12 interview.txt", P12, "TRANSCRIPT");
        as(team.supervisor()).body(Map.of(
                "cases", List.of(
                        Map.of("case", "P07", "attributes", Map.of("gender", "woman", "birth_decade", "1980s", "arrival_year", "2010")),
                        Map.of("case", "P12", "attributes", Map.of("gender", "man", "birth_decade", "1970s", "arrival_year", "2012"))),
                "documents", List.of(Map.of("documentId", p07, "case", "P07"), Map.of("documentId", p12, "case", "P12"))))
                .put(team.path("/attributes")).then().statusCode(200);
        migration = Api.newCode(team.supervisor(), pid, "Migration", null);
        arrival = Api.newCode(team.supervisor(), pid, "Arrival", migration);
        work = as(team.supervisor()).body(Map.of("name", "Work", "color", "#80cbc4"))
                .post(team.path("/codes")).then().statusCode(201).extract().jsonPath().getLong("id");
        master(p07, arrival, P07, "I arrived in 2010.");
        master(p07, migration, P07, "The 브로커 비용 was high 😀, I paid it for years.");
        master(p07, work, P07, "I found work in New Malden, in a \"Korean\" shop.");
        master(p12, migration, P12, "Through China, with a broker.");
        master(p12, work, P12, "I work in a restaurant.");
        // the coder's own layer: not in the default (master) export
        Api.code(team.coder(), pid, p12, work, P12.indexOf("London"), P12.indexOf("London") + 6);
    }

    public long pid() {
        return team.projectId();
    }

    /** A master-layer coding, as adjudication will write it (that feature is the agreement helper's). */
    void master(long documentId, long codeId, String text, String quote) {
        int start = text.indexOf(quote);
        if (start < 0) {
            throw new IllegalArgumentException(quote);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Coding c = new Coding();
            c.projectId = team.projectId();
            c.documentId = documentId;
            c.codeId = codeId;
            c.coderId = AppUser.findByUsername(team.supervisor()).orElseThrow().id;
            c.layer = CodingLayer.MASTER;
            c.startOffset = start;
            c.endOffset = start + quote.length();
            c.createdAt = Instant.now();
            c.updatedAt = c.createdAt;
            c.persist();
        });
    }

    /** Replaces what differs between runs (ids, generated user names) with stable placeholders. */
    String stable(String export) {
        return export.replaceAll("Q-\\d+", "Q-n").replace(team.supervisor(), "SUPERVISOR").replace(team.coder(), "CODER");
    }
}
