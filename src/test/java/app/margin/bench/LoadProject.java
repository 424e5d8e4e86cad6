package app.margin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project the load works on, made through the public API as the admin, as a team would set it up: coder
 * accounts, one project with them as CODER members, fictional transcripts, a codebook. Names carry a run id, so a
 * running Margin can be loaded again.
 */
record LoadProject(long id, List<Long> documentIds, List<Integer> lengths, List<Long> codeIds, List<String> codeNames,
        Map<String, String> coderPasswords, List<String> texts) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Fictional themes of a migration study; only their names matter. */
    private static final String[] THEMES = {"Leaving home", "Brokers", "Cost and debt", "Crossing borders", "Detention",
        "Family left behind", "Arrival", "Asylum interview", "Language", "Work", "Discrimination", "Church",
        "Community", "Children's schooling", "Housing", "Health", "Hope", "Fear", "Dignity", "Onward migration"};

    static LoadProject create(BrowserSession admin, LoadOptions options) throws Exception {
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        Map<String, String> coders = new LinkedHashMap<>();
        for (int i = 1; i <= options.coders(); i++) {
            String username = String.format("load-%s-coder%02d", run, i);
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(10));
            expect(admin.post("/api/v1/users", json(Map.of("username", username, "password", password,
                    "displayName", "Load coder " + i))), 201, "create account " + username);
            coders.put(username, password);
        }
        long project = JSON.readTree(expect(admin.post("/api/v1/projects", json(Map.of("name", "Load " + run,
                "description", "Made by the load command: fictional data"))), 201, "create the project")).get("id").asLong();
        String base = "/api/v1/projects/" + project;
        for (String username : coders.keySet()) {
            expect(admin.post(base + "/members", json(Map.of("username", username, "role", "CODER"))), 201,
                    "add member " + username);
        }
        CorpusGenerator generator = new CorpusGenerator(options.seed(), 0.1);
        Map<String, String> files = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= options.documents(); i++) {
            texts.add(generator.transcript(String.format("L%02d", i), options.words()));
            files.put(String.format("L%02d.txt", i), texts.getLast());
        }
        JsonNode imported = JSON.readTree(expect(admin.upload(base + "/documents", files, Map.of("kind", "TRANSCRIPT")),
                201, "import the transcripts")).get("imported");
        List<Long> documentIds = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        imported.forEach(d -> {
            documentIds.add(d.get("id").asLong());
            lengths.add(d.get("length").asInt());
        });
        List<Long> codeIds = new ArrayList<>();
        List<String> codeNames = new ArrayList<>();
        for (int i = 0; i < options.codes(); i++) {
            String name = i < THEMES.length ? THEMES[i] : "Theme " + (i + 1);
            codeIds.add(JSON.readTree(expect(admin.post(base + "/codes", json(Map.of("name", name,
                    "definition", "Fictional code for the load command"))), 201, "add code")).get("id").asLong());
            codeNames.add(name);
        }
        return new LoadProject(project, documentIds, lengths, codeIds, codeNames, coders, texts);
    }

    String path() {
        return "/api/v1/projects/" + id;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The body of an answer with the expected status; anything else stops the setup with what Margin said. */
    static byte[] expect(BrowserSession.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException("Setup step '" + what + "' answered " + answer.status()
                    + (answer.status() == 0 ? " (no answer)" : ": " + answer.text()));
        }
        return answer.body();
    }
}
