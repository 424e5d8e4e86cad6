package app.margin.codebook;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeTreeTest {
    static Code code(long id, Long parent, String name) {
        Code c = new Code();
        c.id = id;
        c.parentId = parent;
        c.name = name;
        return c;
    }

    final CodeTree tree = new CodeTree(List.of(code(3, 1L, "Broker role"), code(1, null, "The journey"),
            code(4, 3L, "Fees"), code(2, null, "Life in the UK"), code(5, 1L, "Asylum claim")));

    @Test
    void pathsJoinAncestorNames() {
        assertEquals("The journey > Broker role > Fees", tree.path(4));
        assertEquals("Life in the UK", tree.path(2));
    }

    @Test
    void depthFirstPutsParentsBeforeChildrenAlphabetically() {
        assertEquals(List.of("Life in the UK", "The journey", "Asylum claim", "Broker role", "Fees"),
                tree.depthFirst().stream().map(c -> c.name).toList());
    }

    @Test
    void descendantsAreRecognised() {
        assertTrue(tree.isSelfOrDescendant(4, 1));
        assertTrue(tree.isSelfOrDescendant(1, 1));
        assertFalse(tree.isSelfOrDescendant(1, 4));
        assertFalse(tree.isSelfOrDescendant(2, 1));
    }
}
