package app.margin.exchange;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Times the import of a generated .qdpx: 100 texts of ~20,000 characters, 30 codes, 12,000 codings by 3 users and
 * 1,000 notes on codings (as large as the test profile's archive limits allow). A command, not part of the suite:
 * {@code ./mvnw test -Dtest=QdpxImportBenchmark}; prints the time of each of 4 imports (the first warms up).
 */
@QuarkusTest
class QdpxImportBenchmark {
    private static final int SOURCES = 100;
    private static final int CODES = 30;
    private static final int CODINGS_PER_SOURCE = 120;
    private static final String[] WORDS = {"broker", "money", "visa", "Seoul", "work", "shop", "rent", "family",
        "debt", "school", "church", "friend", "bus", "letter", "phone", "night", "winter", "job", "paper", "home"};

    @Test
    void importALargeProject() throws Exception {
        byte[] file = qdpx(new Random(42));
        String me = Api.newUser("bench");
        for (int run = 1; run <= 4; run++) {
            long t0 = System.nanoTime();
            JsonPath result = QdpxImportTest.upload(me, "large.qdpx", file).statusCode(201).extract().jsonPath();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("qdpx import run %d: %d ms (%d documents, %d codings, %d memos)%n", run, ms,
                    result.getInt("report.sources"), result.getInt("report.codings"), result.getInt("report.notes"));
        }
    }

    private static byte[] qdpx(Random random) throws Exception {
        StringBuilder qde = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><Project "
                + QdpxImportTest.NS + " name=\"Large\" origin=\"bench\"><Users>");
        for (int u = 1; u <= 3; u++) {
            qde.append("<User guid=\"").append(guid(900_000 + u)).append("\" name=\"Coder ").append(u).append("\"/>");
        }
        qde.append("</Users><CodeBook><Codes>");
        for (int c = 1; c <= CODES; c++) {
            qde.append("<Code guid=\"").append(guid(800_000 + c)).append("\" name=\"Code ").append(c)
                    .append("\" isCodable=\"true\"/>");
        }
        qde.append("</Codes></CodeBook><Sources>");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        StringBuilder notes = new StringBuilder("<Notes>");
        int n = 0;
        for (int s = 1; s <= SOURCES; s++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 20_000) {
                text.append(random.nextBoolean() ? "A: " : "B: ");
                for (int w = 0; w < 40; w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(1000)).append(' ');
                }
                text.append(".\n");
            }
            String source = guid(700_000 + s);
            entries.put("Sources/" + source + ".txt", text.toString().getBytes(StandardCharsets.UTF_8));
            qde.append("<TextSource guid=\"").append(source).append("\" name=\"Interview ").append(s)
                    .append("\" plainTextPath=\"internal://").append(source).append(".txt\">");
            for (int i = 0; i < CODINGS_PER_SOURCE; i++) {
                int start = random.nextInt(text.length() - 200);
                n++;
                qde.append("<PlainTextSelection guid=\"").append(guid(n * 2)).append("\" startPosition=\"").append(start)
                        .append("\" endPosition=\"").append(start + 20 + random.nextInt(150)).append("\" creatingUser=\"")
                        .append(guid(900_001 + random.nextInt(3))).append("\"><Coding guid=\"").append(guid(n * 2 + 1))
                        .append("\"><CodeRef targetGUID=\"").append(guid(800_001 + random.nextInt(CODES)))
                        .append("\"/></Coding>");
                if (n % 12 == 0) {
                    String note = guid(600_000 + n);
                    qde.append("<NoteRef targetGUID=\"").append(note).append("\"/>");
                    notes.append("<Note guid=\"").append(note).append("\" name=\"Memo ").append(n)
                            .append("\"><PlainTextContent>Why this passage matters ").append(n)
                            .append("</PlainTextContent></Note>");
                }
                qde.append("</PlainTextSelection>");
            }
            qde.append("</TextSource>");
        }
        qde.append("</Sources>").append(notes).append("</Notes></Project>");
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("project.qde", qde.toString().getBytes(StandardCharsets.UTF_8));
        all.putAll(entries);
        System.out.printf("qdpx: project.qde %d bytes%n", all.get("project.qde").length);
        return RefiQda.zip(all);
    }

    private static String guid(int n) {
        return QdpxImportTest.guid(n);
    }

}
