package app.margin.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random reliability data checked against α written straight from its pairwise definition. */
class KrippendorffAlphaPropertyTest {
    static final int SEEDS = 300;

    /**
     * Nominal α from the pairwise definition (Krippendorff 2011, section C), with no coincidence matrix:
     * α = 1 − (n − 1) · Σ_u Σ_{ordered pairs i≠j in u} mismatch / (m_u − 1) / Σ_c Σ_k n_c n_k mismatch(c, k),
     * over units with m_u ≥ 2 values; null when undefined.
     */
    static Double bruteForceNominalAlpha(ReliabilityData data) {
        double observed = 0;
        List<String> pairable = new ArrayList<>();
        for (int u = 0; u < data.unitCount(); u++) {
            List<String> values = data.valuesOf(u);
            int m = values.size();
            if (m < 2) {
                continue;
            }
            pairable.addAll(values);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    if (i != j && !values.get(i).equals(values.get(j))) {
                        observed += 1.0 / (m - 1);
                    }
                }
            }
        }
        // Σ_c Σ_k n_c n_k mismatch(c, k) = the number of ordered pairs of pairable values with different labels.
        double expected = 0;
        for (String a : pairable) {
            for (String b : pairable) {
                if (!a.equals(b)) {
                    expected++;
                }
            }
        }
        if (pairable.isEmpty() || expected == 0) {
            return null;
        }
        return 1 - (pairable.size() - 1) * observed / expected;
    }

    static ReliabilityData random(Random random) {
        int coders = 2 + random.nextInt(6);
        int units = 1 + random.nextInt(25);
        int categories = 1 + random.nextInt(4);
        double missing = random.nextDouble() * 0.6;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < coders; c++) {
            names.add("coder" + c);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < coders; c++) {
                row.add(random.nextDouble() < missing ? null : "cat" + random.nextInt(categories));
            }
            rows.add(row);
        }
        return new ReliabilityData(names, rows);
    }

    @Test
    void nominalAlphaEqualsThePairwiseDefinition() {
        int defined = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            ReliabilityData data = random(new Random(seed));
            Double expected = bruteForceNominalAlpha(data);
            Double actual = KrippendorffAlpha.compute(data, MeasurementLevel.NOMINAL).alpha();
            if (expected == null) {
                assertNull(actual, "seed " + seed);
            } else {
                assertEquals(expected, actual, 1e-9, "seed " + seed);
                defined++;
            }
        }
        assertTrue(defined > SEEDS / 2, "most random data sets must give a defined α, not " + defined);
    }

    @Test
    void percentAgreementIsOneMinusObservedNominalDisagreement() {
        for (int seed = 0; seed < SEEDS; seed++) {
            ReliabilityData data = random(new Random(seed));
            KrippendorffAlpha.Result alpha = KrippendorffAlpha.compute(data, MeasurementLevel.NOMINAL);
            PercentAgreement.Result agreement = PercentAgreement.compute(data);
            if (alpha.observedDisagreement() == null) {
                assertNull(agreement.agreement(), "seed " + seed);
            } else {
                assertEquals(1 - alpha.observedDisagreement(), agreement.agreement(), 1e-9, "seed " + seed);
                assertEquals(alpha.pairableUnits(), agreement.pairableUnits());
                assertEquals(alpha.pairableValues(), agreement.pairableValues());
            }
        }
    }
}
