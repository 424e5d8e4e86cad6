package app.margin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentilesAreNearestRankOverTheSortedSamples() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) { // recorded out of order
            latencies.record(ms * 1_000_000L, 201);
        }
        Latencies.Snapshot s = latencies.snapshot();
        assertEquals(100, s.count());
        assertEquals(50.0, s.percentileMillis(0.5));
        assertEquals(90.0, s.percentileMillis(0.9));
        assertEquals(99.0, s.percentileMillis(0.99));
        assertEquals(100.0, s.percentileMillis(1.0));
        assertEquals(100.0, s.maxMillis());
    }

    @Test
    void aFewSamplesGiveTheirOwnValuesNeverAnInterpolatedOne() {
        Latencies latencies = new Latencies();
        latencies.record(3_000_000, 200);
        latencies.record(1_000_000, 200);
        latencies.record(2_000_000, 200);
        Latencies.Snapshot s = latencies.snapshot();
        assertEquals(2.0, s.percentileMillis(0.5));
        assertEquals(3.0, s.percentileMillis(0.99), "ceil(0.99 × 3) = 3rd smallest");
        assertEquals(1.0, s.percentileMillis(0.01));
        assertEquals(0.0, new Latencies().snapshot().percentileMillis(0.99), "no samples");
    }

    @Test
    void statusesAreCountedAndTotalsAddKindsTogether() {
        Latencies adds = new Latencies();
        adds.record(1, 201);
        adds.record(2, 201);
        adds.record(3, 0);
        Latencies removes = new Latencies();
        removes.record(4, 204);
        Latencies all = new Latencies();
        all.addAll(adds);
        all.addAll(removes);
        assertEquals(Map.of(0, 1, 201, 2, 204, 1), all.snapshot().statuses());
        assertEquals(4, all.snapshot().count());
        assertEquals("no-answer×1 201×2 204×1", all.snapshot().statusLine());
        for (int i = 0; i < 5000; i++) { // grows past its first array
            all.record(i, 200);
        }
        assertEquals(5004, all.snapshot().count());
    }
}
