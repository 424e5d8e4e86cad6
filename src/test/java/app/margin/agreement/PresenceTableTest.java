package app.margin.agreement;

import app.margin.text.Segment;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PresenceTableTest {
    /**
     * The closed forms must equal the general, separately verified coefficients computed on the same data written
     * out as a reliability matrix (one row per character, "1"/"0" per coder).
     */
    @Test
    void closedFormsEqualTheGeneralCoefficientsOnRandomCodings() {
        Random random = new Random(20261125);
        for (int trial = 0; trial < 300; trial++) {
            int m = 2 + random.nextInt(4);
            int length = 1 + random.nextInt(60);
            List<List<Segment>> segments = new ArrayList<>();
            for (int c = 0; c < m; c++) {
                List<Segment> coder = new ArrayList<>();
                for (int s = random.nextInt(4); s > 0; s--) {
                    int start = random.nextInt(length);
                    coder.add(new Segment(start, start + 1 + random.nextInt(length - start)));
                }
                segments.add(coder);
            }
            PresenceTable table = new PresenceTable(m);
            table.addCharacters(length, segments);
            ReliabilityData data = perCharacter(length, segments);
            PresenceTable.Figures f = table.figures();
            assertEquals(length, f.units());
            assertClose(PercentAgreement.compute(data).agreement(), f.percentAgreement());
            assertClose(KrippendorffAlpha.compute(data, MeasurementLevel.NOMINAL).alpha(), f.alpha());
            if (m == 2) {
                assertEquals("Cohen", f.kappaKind());
                assertClose(CohenKappa.compute(data).kappa(), f.kappa());
            } else {
                assertEquals("Fleiss", f.kappaKind());
                assertClose(FleissKappa.compute(data).kappa(), f.kappa());
            }
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    ReliabilityData pair = perCharacter(length, List.of(segments.get(i), segments.get(j)));
                    PresenceTable.Figures p = table.pair(i, j).figures();
                    assertClose(CohenKappa.compute(pair).kappa(), p.kappa());
                    assertClose(KrippendorffAlpha.compute(pair, MeasurementLevel.NOMINAL).alpha(), p.alpha());
                }
            }
        }
    }

    /**
     * NVivo counts every character of the document: two coders who each code 10 of 100 characters, overlapping on 5,
     * agree on 90 characters (85 uncoded by both + 5 coded by both). p_o = .90, p_e = .1·.1 + .9·.9 = .82,
     * κ = .08/.18 = .444. QualCoder's way (only characters someone coded: 15, agreeing on 5) would give far less.
     */
    @Test
    void kappaPerCharacterCountsEveryCharacterOfTheDocument() {
        PresenceTable table = new PresenceTable(2);
        table.addCharacters(100, List.of(List.of(new Segment(10, 20)), List.of(new Segment(15, 25))));
        PresenceTable.Figures f = table.figures();
        assertEquals(100, f.units());
        assertEquals(0.90, f.percentAgreement(), 1e-12);
        assertEquals(0.08 / 0.18, f.kappa(), 1e-12);
    }

    @Test
    void overlappingSegmentsOfOneCoderCountOnce() {
        PresenceTable table = new PresenceTable(2);
        table.addCharacters(10, List.of(List.of(new Segment(0, 5), new Segment(2, 4), new Segment(5, 6)),
                List.of(new Segment(0, 6))));
        assertEquals(6, table.weight(3));
        assertEquals(4, table.weight(0));
        assertEquals(1.0, table.figures().alpha(), 1e-12);
    }

    @Test
    void unitsAreCodedWhenASegmentOverlapsThem() {
        PresenceTable table = new PresenceTable(2);
        List<Segment> units = List.of(new Segment(0, 10), new Segment(11, 20), new Segment(21, 30));
        // coder 0 touches the first unit's last character; coder 1 codes the second unit only
        table.addUnits(units, List.of(List.of(new Segment(9, 10)), List.of(new Segment(12, 13))));
        assertEquals(1, table.weight(1));
        assertEquals(1, table.weight(2));
        assertEquals(1, table.weight(0));
    }

    @Test
    void undefinedCoefficientsSayWhy() {
        PresenceTable nobody = new PresenceTable(3);
        nobody.addCharacters(50, List.of(List.of(), List.of(), List.of()));
        PresenceTable.Figures f = nobody.figures();
        assertNull(f.alpha());
        assertNull(f.kappa());
        assertEquals(1.0, f.percentAgreement());
        assertTrue(f.notes().getFirst().contains("no coder applied the code"));
        assertTrue(new PresenceTable(2).figures().notes().getFirst().contains("no units"));
    }

    @Test
    void systematicDisagreementIsNegative() {
        PresenceTable table = new PresenceTable(2);
        table.addCharacters(10, List.of(List.of(new Segment(0, 5)), List.of(new Segment(5, 10))));
        assertTrue(table.figures().alpha() < 0);
        assertEquals(-1.0, table.figures().kappa(), 1e-12);
    }

    private static ReliabilityData perCharacter(int length, List<List<Segment>> segments) {
        List<String> coders = new ArrayList<>();
        for (int c = 0; c < segments.size(); c++) {
            coders.add("c" + c);
        }
        List<List<String>> units = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            List<String> row = new ArrayList<>();
            for (List<Segment> coder : segments) {
                int at = i;
                row.add(coder.stream().anyMatch(s -> s.start() <= at && at < s.end()) ? "1" : "0");
            }
            units.add(row);
        }
        return new ReliabilityData(coders, units);
    }

    private static void assertClose(Double expected, Double actual) {
        if (expected == null) {
            assertNull(actual);
        } else {
            assertNotNull(actual);
            assertEquals(expected, actual, 1e-9);
        }
    }
}
