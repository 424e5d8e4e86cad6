package app.margin.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.margin.codebook.Code;
import app.margin.coding.LayerVisibility;
import app.margin.identity.AppUser;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.identity.ProjectRole;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz target for Margin's query language: any string parses into a query or is refused with a
 * {@link QueryProblem} that tells the researcher what to fix. Any other exception or error is a finding.
 * Inputs: {@code MarginQueryParserFuzzTestInputs/parsesOrExplains/}; {@code JAZZER_FUZZ=1} fuzzes (README, Tests).
 */
class MarginQueryParserFuzzTest {
    private static final SearchScope SCOPE = new SearchScope(1, codes(), LayerVisibility.everything(owner()),
            name -> "ana".equalsIgnoreCase(name) ? Optional.of(user(2)) : Optional.empty());

    @FuzzTest(maxDuration = "5m")
    void parsesOrExplains(byte[] input) {
        String query = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        try {
            assertNotNull(MarginQueryParser.parse(query, SCOPE));
        } catch (QueryProblem problem) {
            assertFalse(problem.getMessage() == null || problem.getMessage().isBlank(), "a refusal says why");
        }
    }

    private static List<Code> codes() {
        Code root = code(1, "Journey", null);
        Code sub = code(2, "Broker", 1L);
        Code other = code(3, "차별", null);
        return List.of(root, sub, other);
    }

    static Code code(long id, String name, Long parentId) {
        Code code = new Code();
        code.id = id;
        code.name = name;
        code.parentId = parentId;
        return code;
    }

    private static AppUser user(long id) {
        AppUser user = new AppUser();
        user.id = id;
        user.username = id == 2 ? "ana" : "owner";
        return user;
    }

    private static Grant owner() {
        return new Grant(1, user(1), ProjectRole.OWNER);
    }
}
