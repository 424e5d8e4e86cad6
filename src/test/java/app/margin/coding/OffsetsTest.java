package app.margin.coding;

import static org.junit.jupiter.api.Assertions.*;

import app.margin.problem.ProblemException;
import org.junit.jupiter.api.Test;

class OffsetsTest {
    static final String TEXT = "차별 𠀀 glass ceiling";

    @Test
    void rangesInsideTheTextAreAccepted() {
        assertDoesNotThrow(() -> Offsets.requireValid(0, 2, TEXT));
        assertDoesNotThrow(() -> Offsets.requireValid(3, 5, TEXT), "the whole astral character");
        assertDoesNotThrow(() -> Offsets.requireValid(0, TEXT.length(), TEXT));
    }

    @Test
    void rangesOutsideReversedEmptyOrCuttingACharacterAreRefused() {
        assertEquals(19, TEXT.length());
        assertThrows(ProblemException.class, () -> Offsets.requireValid(-1, 2, TEXT));
        assertThrows(ProblemException.class, () -> Offsets.requireValid(0, 20, TEXT));
        assertThrows(ProblemException.class, () -> Offsets.requireValid(5, 5, TEXT));
        assertThrows(ProblemException.class, () -> Offsets.requireValid(6, 5, TEXT));
        ProblemException cut = assertThrows(ProblemException.class, () -> Offsets.requireValid(4, 8, TEXT));
        assertTrue(cut.getMessage().contains("cuts a character"));
    }
}
